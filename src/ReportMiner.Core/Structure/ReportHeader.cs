using System.Globalization;
using System.Text.RegularExpressions;
using ReportMiner.Language;
using ReportMiner.Normalise;
using static ReportMiner.Structure.StructureText;

namespace ReportMiner.Structure;

/// <summary>
/// A report's header fields: title, issuer, publication date, year and period, read from its
/// first lines (and, for the year, its headings and body).
/// </summary>
internal static partial class ReportHeader
{
    [GeneratedRegex(@"(?:19|20)\d\d")]
    private static partial Regex AnyYear();

    /// <summary>Sentence punctuation, table bars and tabs: a line holding one is no title.</summary>
    private static readonly System.Buffers.SearchValues<char> NotInTitles = System.Buffers.SearchValues.Create("。,，;；|\t");

    [GeneratedRegex(@"^[\d\s年月日:：./星期一二三四五六日-]*$|^[A-Z]\d+版")]
    private static partial Regex DateOnly();

    /// <summary>An opening that dates the report: "2019年以来", "2019年是…", "2019年,".</summary>
    [GeneratedRegex(@"^\s*(?<y>(?:19|20)\d\d)\s*年(?:以来|是|度|,|，|全年|上半年|1-)")]
    private static partial Regex OpeningYear();

    [GeneratedRegex(@"(?:成文日期|发布日期|发文日期|发布时间|日期|发布)\s*[:：]?\s*(?<y>(?:19|20)\d\d)\s*[-年./]\s*(?<m>\d{1,2})\s*[-月./]\s*(?<d>\d{1,2})|(?<![\d-])(?<y>(?:19|20)\d\d)-(?<m>\d{1,2})-(?<d>\d{1,2})(?![\d-])|^" + RegexSpace.Class + @"*(?<y>(?:19|20)\d\d)年(?<m>\d{1,2})月(?<d>\d{1,2})日", RegexOptions.Multiline)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"(?:发布机构|发文机关|来源|发布单位)\s*[:：]\s*(?<v>[^\s,，。|]{2,30})|(?:^|[" + RegexSpace.Members + @",，、:：|“])(?<v>[\p{IsCJKUnifiedIdeographs}]{0,8}?(?:科学技术局|科技局|科学技术和工业信息化局|科技和工业信息化局|科技和信息化局|科技创新局|经科局|经济科技局|经济和科技局))", RegexOptions.Multiline)]
    private static partial Regex IssuerRegex();

    /// <summary>
    /// The title: a line naming the genre near the top; else the first short line without
    /// sentence punctuation that is not a heading, a date or a byline. Returns the title and its
    /// line (-1 when there is none).
    /// </summary>
    public static (string? Title, int TitleLine) FindTitle(string text, List<(int Start, int End)> lines, int firstLine, int lastLine)
    {
        string? title = null;
        int titleLine = -1;
        for (int li = firstLine, seen = 0; li <= lastLine && seen < 6; li++)
        {
            var line = Line(text, lines[li]).Trim();
            if (line.Length == 0) continue;
            seen++;
            if (Headings.IsTitleLike(line)) { title = line.ToString(); titleLine = li; break; }
            if (titleLine < 0 && line.Length is >= 6 and <= 40 && line.IndexOfAny(NotInTitles) < 0
                && !Headings.StartsItem(line) && !DateOnly().IsMatch(line))
            {
                titleLine = li;
            }
        }
        if (title is null && titleLine >= 0) title = Line(text, lines[titleLine]).Trim().ToString();
        return (title, titleLine);
    }

    public static string? FindIssuer(string? title, string head)
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
    public static string? FindDate(string text, int start, int end)
        => DateLine().IsMatch(text.AsSpan(start, end - start)) ? FindDate(text[start..end]) : null;

    public static string? FindDate(string body)
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
    public static int? FindYear(SectionReader sections, string? title, string text, List<(int Start, int End)> lines, int firstLine, int lastLine, string? published)
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
            if (Headings.IsHeading(trimmed) || sections.IsPlanLeadLine(trimmed))
            {
                if (sections.OpensPlan(trimmed)) break; // the plan part: its years are next year's
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

    /// <summary>The period a report covers: its year, its first half (2024-H1) or first quarter (2024-Q1).</summary>
    public static string? Period(StructureOptions options, int? year, string? title, string head)
        => year is int y ? (IsHalfYear(options, title, head) ? $"{y}-H1" : IsFirstQuarter(options, title, head) ? $"{y}-Q1" : y.ToString(CultureInfo.InvariantCulture)) : null;

    private static bool IsHalfYear(StructureOptions options, string? title, string head)
        => (title is not null && ContainsAny(title, options.HalfYearTitles)) || ContainsAny(head, options.HalfYearHeads);

    private static bool IsFirstQuarter(StructureOptions options, string? title, string head)
        => (title is not null && ContainsAny(title, options.FirstQuarterWords)) || ContainsAny(head, options.FirstQuarterWords);

    private static bool ContainsAny(string s, IReadOnlyList<string> words)
    {
        foreach (var w in words) if (s.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }
}
