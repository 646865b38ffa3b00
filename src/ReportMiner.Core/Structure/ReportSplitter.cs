using System.Globalization;
using System.Text.RegularExpressions;
using ReportMiner.Normalise;

namespace ReportMiner.Structure;

/// <summary>
/// Splits a file's normalised text into reports (篇一 … 篇N markers; reports run together,
/// seen as the top-level numbering 一、 starting again) and gives each its title, issuer,
/// date, year, period and sections (summary, plan, problems).
/// </summary>
public sealed partial class ReportSplitter
{
    private readonly StructureOptions _options;

    public ReportSplitter(StructureOptions options) => _options = options;

    [GeneratedRegex(@"篇\s*[一二三四五六七八九十]{1,3}\s*[:：]?\s*$|^" + RegexSpace.Class + @"*篇\s*[一二三四五六七八九十]{1,3}(?:\s|[:：]|$)")]
    private static partial Regex PartMarker();

    [GeneratedRegex(@"^\s*(?<n>[一二三四五六七八九十]{1,3})\s*[、.]")]
    private static partial Regex TopHeading();

    [GeneratedRegex(@"(?:19|20)\d\d(?=\s*年)")]
    private static partial Regex YearInText();

    [GeneratedRegex(@"(?:19|20)\d\d")]
    private static partial Regex AnyYear();

    [GeneratedRegex(@"^[\d\s年月日:：./星期一二三四五六日-]*$|^[A-Z]\d+版")]
    private static partial Regex DateOnly();

    /// <summary>An opening that dates the report: "2019年以来", "2019年是…", "2019年,".</summary>
    [GeneratedRegex(@"^\s*(?<y>(?:19|20)\d\d)\s*年(?:以来|是|度|,|，|全年|上半年|1-)")]
    private static partial Regex OpeningYear();

    [GeneratedRegex(@"(?:成文日期|发布日期|发文日期|发布时间|日期|发布)\s*[:：]?\s*(?<y>(?:19|20)\d\d)\s*[-年./]\s*(?<m>\d{1,2})\s*[-月./]\s*(?<d>\d{1,2})|(?<![\d-])(?<y>(?:19|20)\d\d)-(?<m>\d{1,2})-(?<d>\d{1,2})(?![\d-])|^" + RegexSpace.Class + @"*(?<y>(?:19|20)\d\d)年(?<m>\d{1,2})月(?<d>\d{1,2})日", RegexOptions.Multiline)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"(?:发布机构|发文机关|来源|发布单位)\s*[:：]\s*(?<v>[^\s,，。|]{2,30})|(?:^|[" + RegexSpace.Members + @",，、:：|“])(?<v>[\p{IsCJKUnifiedIdeographs}]{0,8}?(?:科学技术局|科技局|科学技术和工业信息化局|科技和工业信息化局|科技和信息化局|科技创新局|经科局|经济科技局|经济和科技局))", RegexOptions.Multiline)]
    private static partial Regex IssuerRegex();

    public IReadOnlyList<Report> Split(string text)
    {
        var lines = LineIndex.Of(text);
        var starts = ReportStarts(text, lines);
        var reports = new List<Report>(starts.Count);
        for (int r = 0; r < starts.Count; r++)
        {
            int firstLine = starts[r];
            int lastLine = r + 1 < starts.Count ? starts[r + 1] - 1 : lines.Count - 1;
            reports.Add(Analyse(text, lines, firstLine, lastLine, r + 1));
        }
        return reports;
    }

    private List<int> ReportStarts(string text, List<(int Start, int End)> lines)
    {
        var starts = new List<int> { 0 };
        int lastTop = 0;
        bool sawPart = false;
        for (int li = 0; li < lines.Count; li++)
        {
            var line = Line(text, lines[li]);
            if (PartMarker().IsMatch(line))
            {
                // The collection's own title before 篇一 belongs to the first report.
                if (sawPart && li > starts[^1]) starts.Add(li);
                sawPart = true;
                lastTop = 0;
                continue;
            }
            if (!StructureCues.IsHeading(line) || TopNumber(line) is not int n) continue;
            if (n == 1 && lastTop >= 2 && !OpensPlanPart(text, lines, li))
            {
                // Reports run together: the numbering starts again. The new report begins at the
                // paragraph just before its 一、 (its opening sentence), if that is not a heading.
                int begin = li;
                int prev = PreviousTextLine(text, lines, li);
                if (prev > starts[^1] && !StructureCues.StartsHeading(Line(text, lines[prev]))) begin = prev;
                if (begin > starts[^1]) starts.Add(begin);
            }
            lastTop = n;
        }
        return starts;
    }

    /// <summary>
    /// Numbering that starts again after a paragraph about the coming year ("2020年,xx县科技局将…",
    /// "…工作思路") opens the report's plan part, not a new report.
    /// </summary>
    private bool OpensPlanPart(string text, List<(int Start, int End)> lines, int li)
    {
        int prev = PreviousTextLine(text, lines, li);
        if (prev < 0) return false;
        // The intro's last two sentences lead into the numbered list. "现将…完成情况…报告如下"
        // opens a summary (a new report); "2020年,…将…" or "…工作思路" opens the plan part.
        var intro = Line(text, lines[prev]).TrimEnd("。 ").ToString();
        int stop = intro.LastIndexOf('。');
        if (stop > 0) stop = intro.LastIndexOf('。', stop - 1);
        var lead = (stop >= 0 ? intro[(stop + 1)..] : intro).Replace("现将", "", StringComparison.Ordinal);
        if (ContainsAny(lead, _options.SummaryHeadings)) return false;
        return lead.Contains('将') || ContainsAny(lead, _options.PlanHeadings);
    }


    private static int PreviousTextLine(string text, List<(int Start, int End)> lines, int li)
    {
        for (int k = li - 1; k >= 0; k--)
            if (Line(text, lines[k]).Trim().Length > 0) return k;
        return -1;
    }

    private Report Analyse(string text, List<(int Start, int End)> lines, int firstLine, int lastLine, int index)
    {
        int start = lines[firstLine].Start, end = lines[lastLine].End;
        string? title = null;
        int titleLine = -1;
        // The title: a line naming the genre near the top; else the first short line without
        // sentence punctuation that is not a heading, a date or a byline.
        for (int li = firstLine, seen = 0; li <= lastLine && seen < 6; li++)
        {
            var line = Line(text, lines[li]).Trim();
            if (line.Length == 0) continue;
            seen++;
            if (StructureCues.IsTitleLike(line)) { title = line.ToString(); titleLine = li; break; }
            if (titleLine < 0 && line.Length is >= 6 and <= 40 && line.IndexOfAny(['。', ',', '，', ';', '；', '|', '\t']) < 0
                && !StructureCues.StartsHeading(line) && !DateOnly().IsMatch(line))
            {
                titleLine = li;
            }
        }
        if (title is null && titleLine >= 0) title = Line(text, lines[titleLine]).Trim().ToString();
        // The first 12 lines, as they stand (line breaks are single characters).
        int headLast = Math.Min(lastLine, firstLine + 11);
        var head = text[start..lines[headLast].End];

        var issuer = FindIssuer(title, head);
        var published = FindDate(head) ?? FindDate(text, start, end);
        int? year = FindYear(title, text, lines, firstLine, lastLine, published);
        string? period = year is int y ? (IsHalfYear(title, head) ? $"{y}-H1" : IsFirstQuarter(title, head) ? $"{y}-Q1" : y.ToString(CultureInfo.InvariantCulture)) : null;

        bool planReport = title is not null && ContainsAny(title, _options.PlanTitles) && !title.Contains("总结");
        var sections = Sections(text, lines, firstLine, lastLine, titleLine, planReport, year, period);
        return new Report
        {
            Index = index,
            Start = start,
            End = end,
            Title = title,
            Issuer = issuer,
            Published = published,
            Year = year,
            Period = period,
            Sections = sections,
        };
    }

    private List<Section> Sections(string text, List<(int Start, int End)> lines, int firstLine, int lastLine, int titleLine,
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
            if (span.Length == 0 || !StructureCues.IsHeading(span) && !IsPlanLeadLine(span)) continue;
            var line = span.ToString();
            int? top = TopNumber(line);
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
    private bool IsPlanLeadLine(ReadOnlySpan<char> line)
        => line.Length <= 24 && line.IndexOfAny("。,，;") < 0 && ContainsAny(line, _options.PlanHeadings) && !ContainsAny(line, _options.SummaryHeadings);

    private (SectionKind, string?) Classify(string heading, SectionKind inherited, string? inheritedPeriod, int? year, string? reportPeriod)
    {
        if (ContainsAny(heading, _options.ProblemHeadings)) return (SectionKind.Problems, null);
        if (ContainsAny(heading, _options.SummaryHeadings)) return (SectionKind.Summary, reportPeriod);
        if (ContainsAny(heading, _options.PlanHeadings))
        {
            var y = YearInText().Match(heading);
            string? p = y.Success ? y.Value
                : heading.Contains("明年") || heading.Contains("下一年") ? (year + 1)?.ToString(CultureInfo.InvariantCulture)
                : heading.Contains("下半年") ? year?.ToString(CultureInfo.InvariantCulture)
                : reportPeriod is not null && reportPeriod.EndsWith("-H1", StringComparison.Ordinal) ? year?.ToString(CultureInfo.InvariantCulture)
                : inherited == SectionKind.Plan ? inheritedPeriod
                : (year + 1)?.ToString(CultureInfo.InvariantCulture);
            return (SectionKind.Plan, p);
        }
        return (inherited, inheritedPeriod);
    }

    private static string? FindIssuer(string? title, string head)
    {
        foreach (var source in new[] { title, head })
        {
            if (source is null) continue;
            var m = IssuerRegex().Match(source);
            if (m.Success) return m.Groups["v"].Value;
        }
        return null;
    }

    /// <summary>The date in <c>text[start..end]</c>; the slice is only copied out when it holds one.</summary>
    private static string? FindDate(string text, int start, int end)
        => DateLine().IsMatch(text.AsSpan(start, end - start)) ? FindDate(text[start..end]) : null;

    private static string? FindDate(string body)
    {
        var m = DateLine().Match(body);
        if (!m.Success) return null;
        int y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        int mo = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        int d = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (mo is < 1 or > 12 || d is < 1 or > 31) return null;
        return $"{y:0000}-{mo:00}-{d:00}";
    }

    /// <summary>
    /// The report's year: from the title; else the first year in a heading; else the year
    /// written most often in the text (later year on ties).
    /// </summary>
    private int? FindYear(string? title, string text, List<(int Start, int End)> lines, int firstLine, int lastLine, string? published)
    {
        if (title is not null)
        {
            var m = AnyYear().Match(title);
            if (m.Success) return int.Parse(m.Value, CultureInfo.InvariantCulture);
        }
        var counts = new Dictionary<int, int>();
        int openingLines = 0;
        for (int li = firstLine; li <= lastLine; li++)
        {
            var line = Line(text, lines[li]);
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (StructureCues.IsHeading(trimmed) || IsPlanLeadLine(trimmed))
            {
                if (ContainsAny(trimmed, _options.PlanHeadings) && !ContainsAny(trimmed, _options.SummaryHeadings)) break; // the plan part: its years are next year's
                foreach (var hm in YearInText().EnumerateMatches(line))
                    return int.Parse(line.Slice(hm.Index, hm.Length), CultureInfo.InvariantCulture);
                continue;
            }
            if (openingLines++ < 3 && OpeningYear().IsMatch(line))
                return int.Parse(OpeningYear().Match(line.ToString()).Groups["y"].ValueSpan, CultureInfo.InvariantCulture);
            foreach (var m in YearInText().EnumerateMatches(line))
            {
                int y = int.Parse(line.Slice(m.Index, m.Length), CultureInfo.InvariantCulture);
                counts[y] = counts.GetValueOrDefault(y) + 1;
            }
        }
        if (counts.Count == 0)
            return published is not null ? int.Parse(published[..4], CultureInfo.InvariantCulture) : null;
        return counts.OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key).First().Key;
    }

    private static bool IsHalfYear(string? title, string head)
        => (title?.Contains("上半年") ?? false) || head.Contains("上半年工作总结") || head.Contains("上半年工作情况") || head.Contains("上半年科技");

    private static bool IsFirstQuarter(string? title, string head)
        => (title?.Contains("一季度") ?? false) || head.Contains("一季度");

    private static bool ContainsAny(ReadOnlySpan<char> text, IReadOnlyList<string> words)
    {
        foreach (var w in words) if (text.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The number of a top-level heading (一、 二、 …), or null when the line does not start with one.</summary>
    private static int? TopNumber(ReadOnlySpan<char> line)
    {
        if (!TopHeading().IsMatch(line)) return null;
        var m = TopHeading().Match(line.ToString());
        return (int)Numbers.ChineseNumber.Parse(m.Groups["n"].ValueSpan).Value;
    }

    private static ReadOnlySpan<char> Line(string text, (int Start, int End) line) => text.AsSpan(line.Start, line.End - line.Start);
}
