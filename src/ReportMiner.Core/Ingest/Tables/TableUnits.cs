using System.Text.RegularExpressions;

namespace ReportMiner.Ingest;

/// <summary>
/// Finds the unit a table header, row label or caption gives: <c>同比增长(%)</c> → %,
/// <c>R&amp;D经费支出（万元）</c> → 万元, <c>单位：亿元</c> → 亿元, <c>金额/万元</c> → 万元.
/// Only known units count, so <c>(含研发)</c> gives none. Full-width ％ comes back as %.
/// </summary>
public static partial class TableUnits
{
    private const string Unit =
        "万亿元|千亿元|亿元|千万元|百万元|万元|千元|亿美元|万美元|美元|元|个百分点|百分点|%|％|‰|" +
        "万人次|人次|万人|人|名|家|个|项|件|台套|台|套|辆|艘|万亩|亩|公顷|万吨|吨|千克|公斤|万平方米|平方米|平方公里|公里|千米|米|" +
        "万户|户|所|座|篇|场|批|株|头|只|天|小时|亿千瓦时|万千瓦时|千瓦时|万千瓦|千瓦|兆瓦|kWh|MW|倍";

    [GeneratedRegex(@"单位\s*[:：]\s*(?<u>(?:" + Unit + @")(?:/(?:" + Unit + @"))?)", RegexOptions.CultureInvariant)]
    private static partial Regex UnitLabel();

    [GeneratedRegex(@"[（(]\s*(?<u>(?:" + Unit + @")(?:/(?:" + Unit + @"))?)\s*[）)]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedUnit();

    [GeneratedRegex(@"(?:/|^)\s*(?<u>(?:" + Unit + @")(?:/(?:" + Unit + @"))?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingUnit();

    [GeneratedRegex(@"^\s*(?:序号|编号|序|No\.?|NO\.?|#)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex IndexHeader();

    /// <summary>The unit a column header or row label states, or null.</summary>
    public static string? FromHeader(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var bracketed = BracketedUnit().Matches(text);
        if (bracketed.Count > 0) return Clean(bracketed[^1].Groups["u"].Value);
        var label = UnitLabel().Match(text);
        if (label.Success) return Clean(label.Groups["u"].Value);
        var trailing = TrailingUnit().Match(text);
        if (trailing.Success) return Clean(trailing.Groups["u"].Value);
        var t = text.TrimEnd();
        return t.EndsWith('%') || t.EndsWith('％') ? "%" : null;
    }

    /// <summary>The unit a caption or the paragraph before a table states (<c>单位:万元</c>, a trailing <c>（亿元）</c>), or null.</summary>
    public static string? FromCaption(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var label = UnitLabel().Match(text);
        if (label.Success) return Clean(label.Groups["u"].Value);
        var trimmed = text.Trim().TrimEnd('。', '.', ':', '：');
        var bracketed = BracketedUnit().Matches(trimmed);
        if (bracketed.Count > 0 && bracketed[^1].Index + bracketed[^1].Length == trimmed.Length)
            return Clean(bracketed[^1].Groups["u"].Value);
        return null;
    }

    /// <summary>True for a column that numbers the rows (序号, 编号, No.), whose numbers have no unit.</summary>
    public static bool IsIndexColumn(string? header) => header is not null && IndexHeader().IsMatch(header);

    private static string Clean(string unit) => unit.Replace('％', '%');
}
