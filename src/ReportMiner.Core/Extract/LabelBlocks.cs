using ReportMiner.Config;
using ReportMiner.Language;
using ReportMiner.Numbers;

namespace ReportMiner.Extract;

/// <summary>
/// Tables flattened one cell per line, as web pages and year-series tables come out: a label
/// line names the indicator ("专利申请量", "R&amp;D经费支出与GDP之比(%)", "科技型中小企业(家)") and the
/// lines after it hold one figure each (the years of a series), maybe with short row labels
/// between them ("和平区" / "120家"). Each such figure is read as the label's indicator while its
/// unit fits and stays that of the cells before it: a change of unit (a growth rate, a rank
/// after the series) ends the block. Settings: <c>extraction.label_blocks</c> in pipeline.yaml.
/// </summary>
public sealed class LabelBlocks
{
    private readonly LabelBlockOptions _options;

    public LabelBlocks(LabelBlockOptions options) => _options = options;

    /// <summary>Whether the line <c>[start, end)</c> is one flattened cell holding a figure.</summary>
    public static bool IsCellLine(string text, int start, int end) => TableCells.IsValueCell(text.AsSpan(start, end - start));

    /// <summary>
    /// The label line that names the cell line holding <paramref name="q"/>, as <c>(start, end)</c>
    /// of the line, or null when the lines above are not a block of cells under a label.
    /// </summary>
    /// <param name="text">Normalised text.</param>
    /// <param name="lineStart">Start of the cell's line.</param>
    /// <param name="reportStart">The report's start: the search never leaves the report.</param>
    /// <param name="q">The cell's figure.</param>
    /// <param name="figureOnLine">The figure a line holds when it is one cell (null when it is not a cell line).</param>
    /// <param name="namesIndicator">Whether a line names an indicator (holds a trigger).</param>
    public (int Start, int End)? FindLabel(string text, int lineStart, int reportStart, Quantity q, Func<int, int, Quantity?> figureOnLine, Func<int, int, bool> namesIndicator)
    {
        int end = lineStart - 1;   // the '\n' before the cell's line
        for (int steps = 0; steps < _options.MaxLines && end > reportStart; steps++)
        {
            int start = text.LastIndexOf('\n', end - 1, end - reportStart) + 1;
            if (start < reportStart) start = reportStart;
            var line = text.AsSpan(start, end - start).Trim();
            if (line.IsEmpty) return null;                          // a blank line ends a block
            if (IsCellLine(text, start, end))
            {
                if (figureOnLine(start, end) is not { } cell) { end = start - 1; continue; }   // a rank: no figure
                if (cell.Kind != q.Kind || cell.Unit != q.Unit) return null;                 // another column or series
                end = start - 1;
                continue;
            }
            if (namesIndicator(start, end)) return (start, end);    // the label
            if (line.Length <= _options.MaxRowLabel && !HasDigitOrPunctuation(line)) { end = start - 1; continue; }
            return null;
        }
        return null;
    }

    /// <summary>Whether the line <c>[start, end)</c> is a table row (cells separated by tabs or bars).</summary>
    public static bool IsRow(string text, int start, int end) => text.AsSpan(start, end - start).IndexOfAny('\t', '|') > 0;

    /// <summary>
    /// Whether the line <c>[start, end)</c> is a sub-row ("#发明专利|62件|94件", "其中:发明专利|…")
    /// directly under the row that ends at <paramref name="rowAboveEnd"/>: it breaks that row's
    /// figures down, so its cells are values of the same indicator. Returns the sub-row's label.
    /// </summary>
    public string? SubRowLabel(string text, int start, int end, int rowAboveEnd)
    {
        if (!IsRow(text, start, end) || rowAboveEnd != start - 1) return null;
        var line = text.AsSpan(start, end - start);
        var label = line[..line.IndexOfAny('\t', '|')].Trim();
        foreach (var marker in _options.SubRowMarkers)
            if (label.StartsWith(marker, StringComparison.Ordinal)) return label.ToString();
        return null;
    }

    /// <summary>Whether the cell at <c>[start, end)</c> is bracketed as an estimate (a target): [360亿元].</summary>
    public bool IsEstimate(string text, int start, int end)
    {
        var cell = text.AsSpan(start, end - start).Trim();
        if (cell.Length < 2) return false;
        foreach (var pair in _options.EstimateBrackets)
            if (pair.Length == 2 && cell[0] == pair[0] && cell[^1] == pair[1]) return true;
        return false;
    }

    private static bool HasDigitOrPunctuation(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
            if (char.IsAsciiDigit(c) || c is '。' or ',' or '，' or ';' or '；' or ':' or '：' or '、') return true;
        return false;
    }
}
