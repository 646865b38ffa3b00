using System.Globalization;
using System.Text.RegularExpressions;
using ReportMiner.Normalise;

namespace ReportMiner.Numbers;

/// <summary>A time expression found in text and the period it denotes.</summary>
/// <param name="Start">Offset of the expression.</param>
/// <param name="End">End offset (exclusive).</param>
/// <param name="Period">ISO-like period: <c>2020</c>, <c>2021-04</c>, <c>2021-01/2021-04</c>, <c>2024-H1</c>, <c>2023/2024</c>.</param>
/// <param name="Relative">True when the year came from 今年/全年/去年 … rather than being written.</param>
public readonly record struct PeriodMatch(int Start, int End, string Period, bool Relative = false);

/// <summary>
/// Reads time expressions: 2021年1-4月, 1-5月, 截至9月份, 上半年, 一季度, 今年4月, 2023-2024年,
/// 2022年11月-2024年11月; 今年/去年/明年 are resolved against the report's year.
/// Expressions without a year and no report year give nothing.
/// </summary>
public static partial class PeriodFinder
{
    [GeneratedRegex(@"(?<y1>(?:19|20)\d\d)\s*年\s*(?<m1>1[0-2]|0?[1-9])\s*月(?:份)?\s*[-—至到~]\s*(?<y2>(?:19|20)\d\d)\s*年\s*(?<m2>1[0-2]|0?[1-9])\s*月"
        + @"|(?<ys>(?:19|20)\d\d)\s*[-—至到~]\s*(?<ye>(?:19|20)\d\d)\s*年(?:度)?(?!\s*\d{1,2}\s*月)"
        // A year (written or 今年/去年 …) optionally followed by a part of the year, or a part alone.
        // Every alternative needs at least one character, so the generated scanner can skip to
        // the characters that may start one instead of trying every position.
        + @"|(?:(?<y>(?:19|20)\d\d)\s*年(?:度)?|(?<![比较于同])(?<rel>今年|去年|明年|上年|本年度|本年|当年|全年|年内))\s*" + PartOfYear + "?"
        + "|" + RegexSpace.Class + "*" + PartOfYear,
        RegexOptions.CultureInvariant)]
    private static partial Regex TimeRegex();

    /// <summary>A month range, 截至 a month, a half, a quarter, or a month.</summary>
    private const string PartOfYear =
        @"(?:(?<from>1[0-2]|0?[1-9]|[一二三四五六七八九十]{1,2})\s*[-—~至到]\s*(?<to>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?:份)?(?:末|底)?"
        + @"|(?<cut>截至|截止|截止到|到|至)\s*(?:目前)?\s*(?:(?<cy>(?:19|20)\d\d)\s*年\s*)?(?<cm>1[0-2]|0?[1-9]|[一二三四五六七八九十]{1,2})\s*月(?:份)?(?:末|底|\d{1,2}日)?"
        + @"|(?<half>上半年|下半年)|(?<q>(?:第)?[一二三四1-4]\s*季度)|(?<q3>前三季度)"
        + @"|(?<m>1[0-2]|0?[1-9])\s*月(?:份)?(?!\s*[-—~至到]))";

    /// <summary>All time expressions in <paramref name="text"/>, resolved against <paramref name="reportYear"/>.</summary>
    public static List<PeriodMatch> FindAll(string text, int start, int end, int? reportYear)
    {
        var result = new List<PeriodMatch>();
        // The range is the whole input for the pattern: lookbehinds do not see before start.
        for (var m = TimeRegex().Match(text, start, end - start); m.Success; m = m.NextMatch())
            if (Read(m, 0, reportYear) is { } period) result.Add(period);
        return result;
    }

    /// <summary>The period of a match of the time pattern (offsets shifted by <paramref name="offset"/>), or null when it denotes none.</summary>
    internal static PeriodMatch? Read(Match m, int offset, int? reportYear)
    {
        if (m.Length == 0 || Resolve(m, reportYear) is not { } period) return null;
        bool relative = !m.Groups["y"].Success && !m.Groups["cy"].Success && !m.Groups["y1"].Success && !m.Groups["ys"].Success;
        return new PeriodMatch(offset + m.Index, offset + m.Index + m.Length, period, relative);
    }

    private static string? Resolve(Match m, int? reportYear)
    {
        if (m.Groups["y1"].Success)
            return $"{m.Groups["y1"].Value}-{Month(m.Groups["m1"].Value):00}/{m.Groups["y2"].Value}-{Month(m.Groups["m2"].Value):00}";
        if (m.Groups["ys"].Success)
            return $"{m.Groups["ys"].Value}/{m.Groups["ye"].Value}";

        int? year = null;
        if (m.Groups["y"].Success) year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        else if (m.Groups["cy"].Success) year = int.Parse(m.Groups["cy"].Value, CultureInfo.InvariantCulture);
        else if (m.Groups["rel"].Success && reportYear is int ry)
            year = m.Groups["rel"].Value switch { "去年" or "上年" => ry - 1, "明年" => ry + 1, _ => ry };
        else if (reportYear is int ry2 && (m.Groups["from"].Success || m.Groups["cut"].Success || m.Groups["half"].Success || m.Groups["q"].Success || m.Groups["q3"].Success || m.Groups["m"].Success))
            year = ry2;
        if (year is null) return null;
        // 九九-3月, 二十至3月: the Chinese month alternatives also match numbers that are no month (see FuzzFindingTests).
        foreach (var g in MonthGroups)
            if (m.Groups[g].Success && Month(m.Groups[g].Value) is < 1 or > 12) return null;

        if (m.Groups["from"].Success)
            return $"{year}-{Month(m.Groups["from"].Value):00}/{year}-{Month(m.Groups["to"].Value):00}";
        if (m.Groups["cut"].Success)
            return $"{year}-01/{year}-{Month(m.Groups["cm"].Value):00}";
        if (m.Groups["half"].Success)
            return m.Groups["half"].Value == "上半年" ? $"{year}-H1" : $"{year}-H2";
        if (m.Groups["q3"].Success) return $"{year}-01/{year}-09";
        if (m.Groups["q"].Success)
        {
            var q = m.Groups["q"].Value.Trim('第', '季', '度', ' ');
            int n = q switch { "一" or "1" => 1, "二" or "2" => 2, "三" or "3" => 3, _ => 4 };
            return $"{year}-Q{n}";
        }
        if (m.Groups["m"].Success) return $"{year}-{Month(m.Groups["m"].Value):00}";
        return year.Value.ToString(CultureInfo.InvariantCulture);
    }

    private static readonly string[] MonthGroups = ["from", "to", "cm", "m"];

    private static int Month(string s)
    {
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return n;
        var parsed = ChineseNumber.Parse(s);
        return parsed.Success ? (int)parsed.Value : 0;
    }
}
