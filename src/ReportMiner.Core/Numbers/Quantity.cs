namespace ReportMiner.Numbers;

/// <summary>What a figure counts, after its unit is read.</summary>
public enum UnitKind
{
    /// <summary>No unit follows the number ("占gdp比重为2.39").</summary>
    None,
    /// <summary>Money in yuan (元/万元/亿元).</summary>
    Money,
    /// <summary>Units, enterprises, items (家/个/件/项).</summary>
    Count,
    /// <summary>People (人/名).</summary>
    Persons,
    /// <summary>A share (%).</summary>
    Percent,
    /// <summary>Anything else the scanner recognises but no indicator uses (人次, 个百分点, 亩 …).</summary>
    Other,
}

/// <summary>
/// A number with its unit as found in normalised text: "1.56亿元", "四十余人", "200万元以上",
/// "突破200亿元". <see cref="Masked"/> figures ("xx家", "*万元") carry no value.
/// </summary>
public sealed record Quantity
{
    /// <summary>Start of the figure in the normalised text, including a leading approximation word.</summary>
    public required int Start { get; init; }
    /// <summary>End (exclusive), including a trailing approximation word.</summary>
    public required int End { get; init; }
    /// <summary>Where the digits start.</summary>
    public required int NumberStart { get; init; }
    /// <summary>The value in the base unit (yuan, count, persons, percent). 0 when masked.</summary>
    public required double Value { get; init; }
    public required UnitKind Kind { get; init; }
    /// <summary>The unit as written after scale words are folded in (元, 家, 人, %, …), or "".</summary>
    public required string Unit { get; init; }
    public bool Approximate { get; init; }
    /// <summary><c>min</c> for 以上/超过/突破, <c>max</c> for 以内/不超过, else null.</summary>
    public string? Bound { get; init; }
    /// <summary>True when the digits are masked (x, xx, *, ×, □): never a value.</summary>
    public bool Masked { get; init; }
    /// <summary>True when written in Chinese numerals (四十, 两).</summary>
    public bool ChineseNumeral { get; init; }
    /// <summary>For a table cell: its column header, which may give the period ("2024年上半年").</summary>
    public string? ColumnHeader { get; init; }
    /// <summary>True when the unit came from a table header or caption, not from the text after the number.</summary>
    public bool UnitFromTable { get; init; }
}
