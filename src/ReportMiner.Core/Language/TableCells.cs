using System.Text.RegularExpressions;

namespace ReportMiner.Language;

/// <summary>
/// Line shapes of tables that came out as plain text: a cell flattened onto a line of its own
/// (one figure, maybe bracketed as an estimate, or a rank), and a column label ending with its
/// unit in parentheses. The normaliser keeps such lines apart; the rules read them as a table.
/// </summary>
public static class TableCells
{
    private const RegexOptions Opts = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly Regex ValueCell = new(
        @"^\s*(?:[\[［【(（]\s*)?[-+]?\d[\d,，.]*\s*(?:%|‰|[万亿千百]{0,2}元|[万亿]{1,2}|家|件|项|个|户|人|名|次|人次|人年)?(?:\s*[\]］】)）])?\s*$|^\s*第\s*\d{1,3}\s*$",
        Opts);

    private static readonly Regex UnitLabelEnd = new(@"[(（]\s*(?:%|‰|[万亿千]{0,2}元|家|件|项|个|户|人|名|人年)\s*[)）]\s*$", Opts);

    /// <summary>Whether <paramref name="line"/> is one flattened table cell holding a figure ([360亿元], 1.91, 第3).</summary>
    public static bool IsValueCell(ReadOnlySpan<char> line) => ValueCell.IsMatch(line);

    /// <summary>Whether <paramref name="line"/> ends as a column label does, with its unit in parentheses: "科技型中小企业(家)".</summary>
    public static bool EndsWithUnitLabel(ReadOnlySpan<char> line) => UnitLabelEnd.IsMatch(line);

    /// <summary>
    /// Whether <paramref name="line"/> ends with a word that asks for a figure (达到, 为, 共 …): a
    /// figure on the next line then goes on its sentence ("达到⏎3.2亿元"), it is not a table cell.
    /// </summary>
    public static bool AwaitsFigure(ReadOnlySpan<char> line)
        => !line.IsEmpty && line[^1] is '达' or '到' or '为' or '至' or '共' or '约' or '破' or '过' or '是' or '有' or '了' or '超' or '近' or '逾';

    /// <summary>A row of cells separated by bars: "专利申请量|151件|225件" (｜ too, before it is made half-width).</summary>
    public static bool IsBarRow(ReadOnlySpan<char> line) => line.Count('|') + line.Count('｜') >= 2;
}
