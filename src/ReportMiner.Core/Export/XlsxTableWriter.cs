using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ReportMiner.Export;

/// <summary>
/// The tables as an Excel workbook: <c>mentions</c> (the long table), <c>pivot</c> (county ×
/// indicator × period, actual and target apart) and <c>documents</c> (mined documents and
/// failed files). Numbers are number cells, the header row is frozen and bold, columns are
/// sized to their content. The bytes depend only on the data: the zip is re-packed with a
/// fixed timestamp and no package properties are written.
/// </summary>
public static class XlsxTableWriter
{
    /// <summary>Excel's limit on the characters of one cell.</summary>
    public const int MaxCellText = 32767;

    /// <summary>Widest column, in characters.</summary>
    private const double MaxWidth = 60;

    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Write(ExportData data)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            // A fixed relationship id (AddWorkbookPart would make a random one).
            var workbookPart = doc.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rIdWorkbook");
            workbookPart.Workbook = new Workbook();
            AddStyles(workbookPart);
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            AddSheet(workbookPart, sheets, 1, "mentions", MentionTable.Headers, data.Mentions.Select(MentionTable.Row));
            AddSheet(workbookPart, sheets, 2, "pivot", MentionTable.PivotHeaders, MentionTable.PivotRows(data));
            AddSheet(workbookPart, sheets, 3, "documents", MentionTable.DocumentHeaders, MentionTable.DocumentRows(data));
            workbookPart.Workbook.Save();
        }
        return Repack(stream.ToArray());
    }

    /// <summary>
    /// Streams one sheet (OpenXmlWriter: one row in memory at a time). The rows are enumerated
    /// twice: first for the column widths, then to write them.
    /// </summary>
    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, uint id, string name, string[] headers, IEnumerable<Cell[]> rows)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>("rIdSheet" + id);
        var widths = headers.Select(h => (double)DisplayWidth(h)).ToArray();
        uint count = 1;
        foreach (var row in rows)
        {
            count++;
            for (int i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], Width(row[i]));
        }

        // Header row frozen: the pane below row 1 scrolls.
        var view = new SheetView { TabSelected = id == 1, WorkbookViewId = 0 };
        view.AppendChild(new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        view.AppendChild(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } });
        var columns = new Columns();
        for (int i = 0; i < widths.Length; i++)
            columns.AppendChild(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = Math.Min(MaxWidth, widths[i] + 2), CustomWidth = true });

        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(view));
            writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
            writer.WriteElement(columns);
            writer.WriteStartElement(new SheetData());
            writer.WriteElement(MakeRow(1, headers.Select(Cell.Of).ToArray(), header: true));
            uint r = 2;
            foreach (var row in rows) writer.WriteElement(MakeRow(r++, row, header: false));
            writer.WriteEndElement();
            writer.WriteElement(new AutoFilter { Reference = $"A1:{ColumnName(headers.Length - 1)}{count}" });
            writer.WriteEndElement();
        }
        sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static double Width(Cell c)
        => c.Number is double d ? Output.CountyFileWriter.FormatValue(d).Length : c.Text is string t ? Math.Min(MaxWidth, DisplayWidth(t)) : 0;

    private static Row MakeRow(uint index, Cell[] cells, bool header)
    {
        var row = new Row { RowIndex = index };
        for (int i = 0; i < cells.Length; i++)
        {
            var c = cells[i];
            var reference = ColumnName(i) + index;
            if (c.Number is double d)
            {
                row.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d) });
            }
            else if (c.Text is string text)
            {
                if (text.Length > MaxCellText) text = text[..MaxCellText];
                var cell = new DocumentFormat.OpenXml.Spreadsheet.Cell { CellReference = reference, DataType = CellValues.InlineString };
                if (header) cell.StyleIndex = 1;
                cell.AppendChild(new InlineString(new Text(Sanitize(text)) { Space = SpaceProcessingModeValues.Preserve }));
                row.AppendChild(cell);
            }
        }
        return row;
    }

    /// <summary>Styles: 0 the default, 1 bold (header).</summary>
    private static void AddStyles(WorkbookPart workbookPart)
    {
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
        styles.Stylesheet.Save();
    }

    /// <summary>A0-style column letters for a 0-based index.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (int n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>Characters as wide as they show: CJK and full-width count twice.</summary>
    private static int DisplayWidth(string s)
    {
        int w = 0;
        foreach (var ch in s) w += ch >= 0x1100 && (ch <= 0x115f || (ch >= 0x2e80 && ch <= 0xa4cf) || (ch >= 0xac00 && ch <= 0xd7a3) || (ch >= 0xf900 && ch <= 0xfaff) || (ch >= 0xff00 && ch <= 0xff60)) ? 2 : 1;
        return w;
    }

    /// <summary>XML 1.0 cannot hold most control characters; they become spaces.</summary>
    private static string Sanitize(string s)
    {
        foreach (var ch in s)
        {
            if (ch < 0x20 && ch is not ('\t' or '\n' or '\r') || ch is '\uFFFE' or '\uFFFF')
                return string.Create(s.Length, s, static (dst, src) =>
                {
                    for (int i = 0; i < src.Length; i++)
                        dst[i] = (src[i] < 0x20 && src[i] is not ('\t' or '\n' or '\r')) || src[i] is '\uFFFE' or '\uFFFF' ? ' ' : src[i];
                });
        }
        return s;
    }

    /// <summary>Copies the zip entry by entry, in the same order, with one fixed timestamp.</summary>
    private static byte[] Repack(byte[] zip)
    {
        using var input = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                var copy = archive.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }
        return output.ToArray();
    }
}
