using System.Text.RegularExpressions;
using ReportMiner.Language;
using ReportMiner.Normalise;
using static ReportMiner.Structure.StructureText;

namespace ReportMiner.Structure;

/// <summary>
/// Report boundaries: splits a file's normalised text into reports (篇一 … 篇N markers;
/// reports run together, seen as the top-level numbering 一、 starting again) and has each
/// one's header (<see cref="ReportHeader"/>) and sections (<see cref="SectionReader"/>) read.
/// </summary>
public sealed partial class ReportSplitter
{
    private readonly SectionReader _sections;
    private readonly StructureOptions _options;

    public ReportSplitter(StructureOptions options)
    {
        _options = options;
        _sections = new SectionReader(options);
    }

    [GeneratedRegex(@"篇\s*[一二三四五六七八九十]{1,3}\s*[:：]?\s*$|^" + RegexSpace.Class + @"*篇\s*[一二三四五六七八九十]{1,3}(?:\s|[:：]|$)")]
    private static partial Regex PartMarker();

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
            if (!Headings.IsHeading(line) || Headings.TopNumber(line) is not int n) continue;
            if (n == 1 && lastTop >= 2 && !_sections.OpensPlanPart(text, lines, li))
            {
                // Reports run together: the numbering starts again. The new report begins at the
                // paragraph just before its 一、 (its opening sentence), if that is not a heading.
                int begin = li;
                int prev = PreviousTextLine(text, lines, li);
                if (prev > starts[^1] && !Headings.StartsItem(Line(text, lines[prev]))) begin = prev;
                if (begin > starts[^1]) starts.Add(begin);
            }
            lastTop = n;
        }
        return starts;
    }

    private Report Analyse(string text, List<(int Start, int End)> lines, int firstLine, int lastLine, int index)
    {
        int start = lines[firstLine].Start, end = lines[lastLine].End;
        var (title, titleLine) = ReportHeader.FindTitle(text, lines, firstLine, lastLine);
        // The first 12 lines, as they stand (line breaks are single characters).
        int headLast = Math.Min(lastLine, firstLine + 11);
        var head = text[start..lines[headLast].End];

        var issuer = ReportHeader.FindIssuer(title, head);
        var published = ReportHeader.FindDate(head) ?? ReportHeader.FindDate(text, start, end);
        int? year = ReportHeader.FindYear(_sections, title, text, lines, firstLine, lastLine, published);
        string? period = ReportHeader.Period(_options, year, title, head);

        bool planReport = _sections.IsPlanTitle(title);
        var sections = _sections.Sections(text, lines, firstLine, lastLine, titleLine, planReport, year, period);
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
}
