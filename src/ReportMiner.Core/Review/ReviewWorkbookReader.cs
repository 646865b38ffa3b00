using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ReportMiner.Review;

/// <summary>One sheet of a reviewed workbook as text: the header row's columns and every other row's non-empty cells.</summary>
public sealed class ReviewSheet(string name, Dictionary<string, int> columns, SortedDictionary<int, Dictionary<int, string>> rows)
{
    public string Name { get; } = name;
    /// <summary>Column index (0-based) of each header of row 1 (first occurrence).</summary>
    public Dictionary<string, int> Columns { get; } = columns;
    /// <summary>Rows below the header by 1-based row number: cell text by column index.</summary>
    public SortedDictionary<int, Dictionary<int, string>> Rows { get; } = rows;

    /// <summary>The trimmed text of a row's cell under <paramref name="header"/> ("" when empty or when there is no such column).</summary>
    public string Get(int row, string header)
        => Columns.TryGetValue(header, out var c) && Rows.TryGetValue(row, out var cells) && cells.TryGetValue(c, out var text) ? text.Trim() : "";

    /// <summary>A1 reference of a row's cell under <paramref name="header"/>.</summary>
    public string Reference(int row, string header)
        => Export.XlsxTableWriter.ColumnName(Columns.TryGetValue(header, out var c) ? c : 0) + row.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Reads a workbook as Excel or LibreOffice saved it: shared, inline and rich strings (runs
/// joined, phonetic guides left out), numbers as written in the file, booleans, cached
/// formula results.
/// </summary>
public static class ReviewWorkbookReader
{
    /// <summary>The sheets by name, or a one-line reason why the file is not a readable workbook.</summary>
    public static (Dictionary<string, ReviewSheet>? Sheets, string? Problem) Read(string path)
    {
        try
        {
            using var doc = SpreadsheetDocument.Open(path, false);
            var workbook = doc.WorkbookPart ?? throw new InvalidDataException("no workbook part");
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(TextOf).ToList() ?? [];
            var sheets = new Dictionary<string, ReviewSheet>(StringComparer.Ordinal);
            foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
            {
                if (sheet.Name?.Value is not { } name || sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) continue;
                sheets[name] = ReadSheet(name, part, shared);
            }
            return (sheets, null);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.Xml.XmlException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return (null, $"not a readable .xlsx workbook ({ex.Message.ReplaceLineEndings(" ")})");
        }
    }

    private static ReviewSheet ReadSheet(string name, WorksheetPart part, List<string> shared)
    {
        var rows = new SortedDictionary<int, Dictionary<int, string>>();
        var header = new Dictionary<int, string>();
        int nextRow = 1;
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            int r = row.RowIndex?.Value is uint ri ? (int)ri : nextRow;
            nextRow = r + 1;
            var cells = new Dictionary<int, string>();
            int nextCol = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                int c = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : nextCol;
                nextCol = c + 1;
                var text = CellText(cell, shared);
                if (!string.IsNullOrWhiteSpace(text)) cells[c] = text;
            }
            if (r == 1) header = cells;
            else if (cells.Count > 0) rows[r] = cells;
        }
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (c, text) in header.OrderBy(h => h.Key)) columns.TryAdd(text.Trim(), c);
        return new ReviewSheet(name, columns, rows);
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString) return cell.InlineString is { } inline ? TextOf(inline) : "";
        var v = cell.CellValue?.Text ?? "";
        if (type == CellValues.SharedString)
            return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : "";
        if (type == CellValues.Boolean) return v == "1" ? "TRUE" : "FALSE";
        if ((type is null || type == CellValues.Number) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return Output.CountyFileWriter.FormatValue(d);
        return v;
    }

    /// <summary>The text of a shared or inline string: its runs joined, without phonetic guides.</summary>
    private static string TextOf(DocumentFormat.OpenXml.OpenXmlElement item)
        => string.Concat(item.Descendants<Text>().Where(t => t.Ancestors<PhoneticRun>().FirstOrDefault() is null).Select(t => t.Text));

    /// <summary>0-based column of an A1 reference.</summary>
    public static int ColumnIndex(string reference)
    {
        int n = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z') n = n * 26 + (ch - 'A' + 1);
            else if (ch is >= 'a' and <= 'z') n = n * 26 + (ch - 'a' + 1);
            else break;
        }
        return n - 1;
    }
}
