using System.Globalization;
using ReportMiner.Language;
using static ReportMiner.Structure.StructureText;

namespace ReportMiner.Structure;

/// <summary>
/// Sections of one report and what each holds (summary, plan, problems), read from heading
/// words (<c>extraction.cues</c> in <c>pipeline.yaml</c>), with the period its figures cover.
/// </summary>
internal sealed class SectionReader
{
    private readonly StructureOptions _options;

    public SectionReader(StructureOptions options) => _options = options;

    /// <summary>
    /// Numbering that starts again after a paragraph about the coming year ("2020年,xx县科技局将…",
    /// "…工作思路") opens the report's plan part, not a new report.
    /// </summary>
    public bool OpensPlanPart(string text, List<(int Start, int End)> lines, int li)
    {
        int prev = PreviousTextLine(text, lines, li);
        if (prev < 0) return false;
        // The intro's last two sentences lead into the numbered list. "现将…完成情况…报告如下"
        // opens a summary (a new report); "2020年,…将…" or "…工作思路" opens the plan part.
        var intro = Line(text, lines[prev]).TrimEnd("。 ").ToString();
        int stop = intro.LastIndexOf('。');
        if (stop > 0) stop = intro.LastIndexOf('。', stop - 1);
        var lead = stop >= 0 ? intro[(stop + 1)..] : intro;
        foreach (var w in _options.IntroIgnore) lead = lead.Replace(w, "", StringComparison.Ordinal);
        if (ContainsAny(lead, _options.SummaryHeadings)) return false;
        return ContainsAny(lead, _options.PlanIntro) || ContainsAny(lead, _options.PlanHeadings);
    }

    /// <summary>Whether a report with this title is a plan as a whole (工作要点, 工作计划 …).</summary>
    public bool IsPlanTitle(string? title) => title is not null && ContainsAny(title, _options.PlanTitles) && !ContainsAny(title, _options.PlanTitleBlockers);

    /// <summary>A heading (or plan lead line) that opens the plan part, whose years are next year's.</summary>
    public bool OpensPlan(ReadOnlySpan<char> line) => ContainsAny(line, _options.PlanHeadings) && !ContainsAny(line, _options.SummaryHeadings);

    public List<Section> Sections(string text, List<(int Start, int End)> lines, int firstLine, int lastLine, int titleLine,
        bool planReport, int? year, string? reportPeriod)
    {
        var sections = new List<Section>();
        var defaultKind = planReport ? SectionKind.Plan : SectionKind.Summary;
        string? planPeriod = year?.ToString(CultureInfo.InvariantCulture);
        // Kind of the current top-level (一、) section, inherited by sub-headings without cues.
        var topKind = defaultKind;
        string? topPeriod = planReport ? planPeriod : reportPeriod;
        int sectionStart = lines[firstLine].Start;
        SectionKind kind = defaultKind;
        string? heading = null;
        string? period = topPeriod;
        for (int li = firstLine; li <= lastLine; li++)
        {
            if (li == titleLine) continue;
            var span = Line(text, lines[li]).Trim();
            if (span.Length == 0 || !Headings.IsHeading(span) && !IsPlanLeadLine(span)) continue;
            var line = span.ToString();
            int? top = Headings.TopNumber(line);
            if (top == 1 && li > firstLine && OpensPlanPart(text, lines, li))
            {
                // "2020年,…将…" then 一、 二、 …: everything from here on is the plan.
                var intro = Line(text, lines[PreviousTextLine(text, lines, li)]).ToString();
                var y = YearInText().Match(intro);
                topKind = SectionKind.Plan;
                topPeriod = y.Success ? y.Value : (year + 1)?.ToString(CultureInfo.InvariantCulture);
            }
            var (k, p) = Classify(line, topKind, topPeriod, year, reportPeriod);
            if (top is not null || IsPlanLeadLine(line)) { topKind = k; topPeriod = p; }
            if (lines[li].Start > sectionStart) sections.Add(new Section(sectionStart, lines[li].Start, kind, heading, period));
            sectionStart = lines[li].Start;
            kind = k;
            heading = line;
            period = p;
        }
        sections.Add(new Section(sectionStart, lines[lastLine].End, kind, heading, period));
        return sections;
    }

    /// <summary>A non-numbered line that opens a plan part: "下半年工作思路", "2020年工作计划".</summary>
    public bool IsPlanLeadLine(ReadOnlySpan<char> line)
        => line.Length <= 24 && line.IndexOfAny("。,，;") < 0 && ContainsAny(line, _options.PlanHeadings) && !ContainsAny(line, _options.SummaryHeadings);

    private (SectionKind, string?) Classify(string heading, SectionKind inherited, string? inheritedPeriod, int? year, string? reportPeriod)
    {
        if (ContainsAny(heading, _options.ProblemHeadings)) return (SectionKind.Problems, null);
        if (ContainsAny(heading, _options.SummaryHeadings)) return (SectionKind.Summary, reportPeriod);
        if (ContainsAny(heading, _options.PlanHeadings))
        {
            var y = YearInText().Match(heading);
            string? p = y.Success ? y.Value
                : ContainsAny(heading, _options.NextYearHeadings) ? (year + 1)?.ToString(CultureInfo.InvariantCulture)
                : ContainsAny(heading, _options.SameYearHeadings) ? year?.ToString(CultureInfo.InvariantCulture)
                : reportPeriod is not null && reportPeriod.EndsWith("-H1", StringComparison.Ordinal) ? year?.ToString(CultureInfo.InvariantCulture)
                : inherited == SectionKind.Plan ? inheritedPeriod
                : (year + 1)?.ToString(CultureInfo.InvariantCulture);
            return (SectionKind.Plan, p);
        }
        return (inherited, inheritedPeriod);
    }
}
