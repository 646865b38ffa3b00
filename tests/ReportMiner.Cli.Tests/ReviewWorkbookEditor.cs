using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ReportMiner.Cli.Tests;

/// <summary>
/// Edits a review workbook the way an analyst's spreadsheet program would: reads the rows by
/// header, types text into cells (inline strings), renames sheets and headers. Independent of
/// the reader in ReportMiner.Review, so the tests do not check the code with itself.
/// </summary>
public sealed class ReviewWorkbookEditor : IDisposable
{
    private readonly SpreadsheetDocument _doc;

    public ReviewWorkbookEditor(string path, bool editable = true) => _doc = SpreadsheetDocument.Open(path, editable);

    public WorkbookPart Workbook => _doc.WorkbookPart!;

    public void Dispose() => _doc.Dispose();

    private WorkbookPart Book => _doc.WorkbookPart!;

    public WorksheetPart Part(string sheet)
    {
        var s = Book.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == sheet);
        return (WorksheetPart)Book.GetPartById(s.Id!);
    }

    private List<string> Shared => Book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => string.Concat(i.Descendants<Text>().Select(t => t.Text))).ToList() ?? [];

    public string Text(Cell c)
    {
        var v = c.CellValue?.Text ?? "";
        if (c.DataType?.Value == CellValues.SharedString) return Shared[int.Parse(v, CultureInfo.InvariantCulture)];
        if (c.DataType?.Value == CellValues.InlineString) return c.InlineString?.InnerText ?? "";
        return v;
    }

    /// <summary>Header names by column letter.</summary>
    public Dictionary<string, string> Headers(string sheet)
    {
        var first = Part(sheet).Worksheet.Descendants<Row>().First();
        return first.Elements<Cell>().ToDictionary(c => Column(c.CellReference!), Text);
    }

    /// <summary>Every row below the header as header → text, with its row number.</summary>
    public List<(int Row, Dictionary<string, string> Cells)> Rows(string sheet)
    {
        var headers = Headers(sheet);
        return Part(sheet).Worksheet.Descendants<Row>().Skip(1)
            .Select(r => ((int)r.RowIndex!.Value, r.Elements<Cell>().Where(c => headers.ContainsKey(Column(c.CellReference!)))
                .ToDictionary(c => headers[Column(c.CellReference!)], Text))).ToList();
    }

    /// <summary>Types <paramref name="text"/> into the cell of <paramref name="row"/> under <paramref name="header"/>.</summary>
    public void Set(string sheet, int row, string header, string text)
    {
        var column = Headers(sheet).Single(h => h.Value == header).Key;
        var data = Part(sheet).Worksheet.GetFirstChild<SheetData>()!;
        var r = data.Elements<Row>().FirstOrDefault(x => x.RowIndex!.Value == (uint)row);
        if (r is null)
        {
            r = new Row { RowIndex = (uint)row };
            var after = data.Elements<Row>().LastOrDefault(x => x.RowIndex!.Value < (uint)row);
            if (after is null) data.InsertAt(r, 0);
            else after.InsertAfterSelf(r);
        }
        var reference = column + row.ToString(CultureInfo.InvariantCulture);
        var cell = r.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            var before = r.Elements<Cell>().FirstOrDefault(c => Index(Column(c.CellReference!)) > Index(column));
            if (before is null) r.AppendChild(cell);
            else before.InsertBeforeSelf(cell);
        }
        cell.CellValue = null;
        cell.DataType = CellValues.InlineString;
        cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    public void RenameSheet(string from, string to) => Book.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == from).Name = to;

    public void RenameHeader(string sheet, string from, string to)
    {
        var column = Headers(sheet).Single(h => h.Value == from).Key;
        Set(sheet, 1, from, to);
        _ = column;
    }

    public void Save()
    {
        foreach (var part in Book.WorksheetParts) part.Worksheet.Save();
        Book.Workbook.Save();
    }

    private static string Column(string reference) => new(reference.TakeWhile(char.IsLetter).ToArray());

    private static int Index(string column) => column.Aggregate(0, (n, ch) => n * 26 + ch - 'A' + 1);
}
