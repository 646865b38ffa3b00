using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ReportMiner.Export;
using ReportMiner.Output;
using ExcelCell = DocumentFormat.OpenXml.Spreadsheet.Cell;

namespace ReportMiner.Review;

/// <summary>
/// Writes the review workbook with the Open XML SDK: <c>mentions</c> (one row per mention, the
/// figure in bold red inside its sentence, a verdict drop-down and correction columns),
/// <c>missed</c> (figures the pipeline missed, typed by the analyst, with drop-downs), and two
/// hidden sheets, <c>lists</c> (the drop-downs' values, named ranges) and <c>sources</c> (the
/// run's documents). Drop-downs are Excel data validations of type list that reject other
/// values. The bytes depend only on the content: fixed relationship ids, no package
/// properties, one fixed zip timestamp.
/// </summary>
public static class ReviewWorkbookWriter
{
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Styles: 0 default, 1 bold header, 2 input cell (pale yellow), 3 sentence (wrapped).</summary>
    private const uint HeaderStyle = 1, InputStyle = 2, SentenceStyle = 3;

    public static void Write(ReviewWorkbook book, string path)
    {
        using var package = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(package, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = doc.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rIdWorkbook");
            workbookPart.Workbook = new Workbook();
            AddStyles(workbookPart);
            var strings = new SharedStrings(workbookPart.AddNewPart<SharedStringTablePart>("rIdStrings"));
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());

            var lists = ListsSheet(book);
            AddSheet(workbookPart, sheets, 1, ReviewLayout.MentionsSheet, MentionsSheet(book, strings, lists), hidden: false);
            AddSheet(workbookPart, sheets, 2, ReviewLayout.MissedSheet, MissedSheet(strings, lists), hidden: false);
            AddSheet(workbookPart, sheets, 3, ReviewLayout.ListsSheet, Table(lists.Headers, lists.Rows(), strings, [], null), hidden: true);
            AddSheet(workbookPart, sheets, 4, ReviewLayout.SourcesSheet, Table(ReviewLayout.SourceHeaders,
                book.Sources.Select(s => new[] { Text(s.Document), Text(s.Sha256), Text(s.Path) }), strings, [], null), hidden: true);
            workbookPart.Workbook.AppendChild(new DefinedNames(lists.Names.Select(n => new DefinedName(n.Reference) { Name = n.Name })));
            strings.Save();
            workbookPart.Workbook.Save();
        }
        var temp = AtomicFile.TempPathFor(path);
        try
        {
            Repack(package, temp);
            AtomicFile.PublishIfChanged(temp, path);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>A cell value before it is written: text (rich when a highlight is given) or a number.</summary>
    private readonly record struct Value(string? Text, double? Number, int HighlightStart = 0, int HighlightLength = 0);

    private static Value Text(string? text) => new(text, null);
    private static Value Number(double? number) => new(null, number);

    private static Worksheet MentionsSheet(ReviewWorkbook book, SharedStrings strings, Lists lists)
    {
        var rows = book.Rows.Select(r =>
        {
            var m = r.Mention;
            var cells = new Value[ReviewLayout.MentionHeaders.Length];
            cells[Col("sentence")] = new Value(m.Sentence, null, r.HighlightStart, r.HighlightLength);
            cells[Col("raw")] = Text(m.Raw);
            cells[Col("indicator")] = Text(m.Indicator);
            cells[Col("value")] = Number(m.Value);
            cells[Col("unit")] = Text(m.Unit);
            cells[Col("status")] = Text(m.Status);
            cells[Col("qualifier")] = Text(m.Qualifier);
            cells[Col("period")] = Text(m.Period);
            cells[Col("scope")] = Text(m.Scope);
            cells[Col("confidence")] = Number(Math.Round(m.Confidence, 4));
            cells[Col("document")] = Text(m.Document);
            cells[Col("source_start")] = Number(r.SourceStart);
            cells[Col("source_end")] = Number(r.SourceEnd);
            return cells;
        });
        int last = Math.Max(2, book.Rows.Count + 1);
        var validations = new List<DataValidation>
        {
            Validation(Col("verdict"), last, Lists.Verdicts, "verdict", "Choose a verdict from the list."),
            Validation(Col("correct_indicator"), last, Lists.Indicators, "indicator", "Choose an indicator id from pipeline.yaml."),
            Validation(Col("correct_status"), last, Lists.Statuses, "status", "Choose actual or target."),
            Validation(Col("correct_qualifier"), last, Lists.Qualifiers, "qualifier", "Choose a qualifier, or none to remove it."),
        };
        var input = ReviewLayout.MentionHeaders.Select((h, i) => (h, i)).Where(x => x.h is "verdict" or "note" || x.h.StartsWith("correct_", StringComparison.Ordinal)).Select(x => x.i).ToHashSet();
        return Table(ReviewLayout.MentionHeaders, rows, strings, validations, input, sentenceColumn: Col("sentence"));

        static int Col(string header) => Array.IndexOf(ReviewLayout.MentionHeaders, header);
    }

    private static Worksheet MissedSheet(SharedStrings strings, Lists lists)
    {
        static int Col(string header) => Array.IndexOf(ReviewLayout.MissedHeaders, header);
        int last = ReviewLayout.MissedRows + 1;
        var validations = new List<DataValidation>
        {
            Validation(Col("document"), last, Lists.Documents, "document", "Choose a document of the run."),
            Validation(Col("indicator"), last, Lists.Indicators, "indicator", "Choose an indicator id from pipeline.yaml."),
            Validation(Col("status"), last, Lists.Statuses, "status", "Choose actual or target."),
            Validation(Col("qualifier"), last, Lists.Qualifiers, "qualifier", "Choose a qualifier, or leave it empty."),
        };
        var input = Enumerable.Range(0, ReviewLayout.MissedHeaders.Length).ToHashSet();
        return Table(ReviewLayout.MissedHeaders, [], strings, validations, input);
    }

    /// <summary>A list drop-down over rows 2..<paramref name="lastRow"/> of a column, from a named range; other values are refused.</summary>
    private static DataValidation Validation(int column, int lastRow, string listName, string what, string prompt)
    {
        var letter = XlsxTableWriter.ColumnName(column);
        return new DataValidation
        {
            Type = DataValidationValues.List,
            AllowBlank = true,
            ShowInputMessage = true,
            ShowErrorMessage = true,
            ErrorStyle = DataValidationErrorStyleValues.Stop,
            ErrorTitle = "Not a " + what,
            Error = prompt,
            PromptTitle = what,
            Prompt = prompt,
            SequenceOfReferences = new ListValue<StringValue> { InnerText = string.Create(CultureInfo.InvariantCulture, $"{letter}2:{letter}{lastRow}") },
            Formula1 = new Formula1(listName),
        };
    }

    /// <summary>The hidden sheet of closed sets, one column each, with a workbook name per column.</summary>
    private sealed class Lists(List<string[]> columns, string[] headers)
    {
        public string[] Headers { get; } = headers;
        private static readonly string[] NameOrder = [Verdicts, Indicators, Statuses, Qualifiers, Documents];
        public const string Verdicts = "Verdicts";
        public const string Indicators = "Indicators";
        public const string Statuses = "Statuses";
        public const string Qualifiers = "Qualifiers";
        public const string Documents = "Documents";

        public IEnumerable<(string Name, string Reference)> Names => NameOrder.Select((name, i) =>
            (name, string.Create(CultureInfo.InvariantCulture, $"{ReviewLayout.ListsSheet}!${XlsxTableWriter.ColumnName(i)}$2:${XlsxTableWriter.ColumnName(i)}${Math.Max(2, columns[i].Length + 1)}")));

        public IEnumerable<Value[]> Rows()
        {
            int n = columns.Max(c => c.Length);
            for (int r = 0; r < n; r++) yield return columns.Select(c => r < c.Length ? Text(c[r]) : Text(null)).ToArray();
        }
    }

    private static Lists ListsSheet(ReviewWorkbook book) => new(
        [[.. ReviewLayout.Verdicts], [.. book.Indicators], [.. ReviewLayout.Statuses], [.. book.Qualifiers], [.. book.Sources.Select(s => s.Document)]],
        ["verdict", "indicator", "status", "qualifier", "document"]);

    /// <summary>A worksheet: frozen bold header, column widths from the content, the rows, an auto-filter, the validations.</summary>
    private static Worksheet Table(string[] headers, IEnumerable<Value[]> rows, SharedStrings strings, List<DataValidation> validations, HashSet<int>? inputColumns,
        int sentenceColumn = -1)
    {
        var widths = headers.Select(h => (double)h.Length).ToArray();
        var data = new SheetData();
        data.AppendChild(Row(1, headers.Select(Text).ToArray(), strings, widths, _ => HeaderStyle));
        uint index = 1;
        foreach (var values in rows)
            data.AppendChild(Row(++index, values, strings, widths, c => c == sentenceColumn ? SentenceStyle : inputColumns?.Contains(c) == true ? InputStyle : 0));
        // Input columns are coloured as a whole, so the analyst sees where to type, below the data too.
        var columns = new Columns(widths.Select((w, i) => new Column
        {
            Min = (uint)(i + 1), Max = (uint)(i + 1), Width = i == sentenceColumn ? 48 : Math.Min(30, w + 2), CustomWidth = true,
            Style = inputColumns?.Contains(i) == true ? InputStyle : null,
        }));
        var sheet = new Worksheet(
            new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0 }),
            new SheetFormatProperties { DefaultRowHeight = 15 },
            columns,
            data,
            new AutoFilter { Reference = string.Create(CultureInfo.InvariantCulture, $"A1:{XlsxTableWriter.ColumnName(headers.Length - 1)}{index}") });
        if (validations.Count > 0) sheet.AppendChild(new DataValidations(validations) { Count = (uint)validations.Count });
        if (inputColumns is { Count: > 0 })
        {
            // Printed (or converted to PDF) landscape, all columns on the width of a page.
            sheet.InsertAt(new SheetProperties(new PageSetupProperties { FitToPage = true }), 0);
            sheet.AppendChild(new PageMargins { Left = 0.3, Right = 0.3, Top = 0.4, Bottom = 0.4, Header = 0.2, Footer = 0.2 });
            sheet.AppendChild(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        }
        return sheet;
    }

    private static Row Row(uint index, Value[] values, SharedStrings strings, double[] widths, Func<int, uint> style)
    {
        var row = new Row { RowIndex = index };
        for (int c = 0; c < values.Length; c++)
        {
            var v = values[c];
            var reference = XlsxTableWriter.ColumnName(c) + index.ToString(CultureInfo.InvariantCulture);
            uint s = style(c);
            if (v.Number is double d)
            {
                var text = CountyFileWriter.FormatValue(d);
                widths[c] = Math.Max(widths[c], text.Length);
                row.AppendChild(new ExcelCell { CellReference = reference, StyleIndex = s == 0 ? null : s, CellValue = new CellValue(text), DataType = CellValues.Number });
            }
            else if (v.Text is { Length: > 0 } text)
            {
                if (text.Length > XlsxTableWriter.MaxCellText) text = text[..XlsxTableWriter.MaxCellText];
                widths[c] = Math.Max(widths[c], Math.Min(60, DisplayWidth(text)));
                int id = strings.Add(text, v.HighlightStart, v.HighlightLength);
                row.AppendChild(new ExcelCell { CellReference = reference, StyleIndex = s == 0 ? null : s, CellValue = new CellValue(id.ToString(CultureInfo.InvariantCulture)), DataType = CellValues.SharedString });
            }
            else if (s == InputStyle)
            {
                row.AppendChild(new ExcelCell { CellReference = reference, StyleIndex = s });
            }
        }
        return row;
    }

    private static int DisplayWidth(string s) => s.Sum(ch => ch >= 0x2e80 ? 2 : 1);

    /// <summary>The shared string table; a highlighted text is a rich string of three runs, the figure bold and red.</summary>
    private sealed class SharedStrings(SharedStringTablePart part)
    {
        private readonly Dictionary<(string, int, int), int> _ids = [];
        private readonly SharedStringTable _table = new();

        public int Add(string text, int highlightStart, int highlightLength)
        {
            if (highlightLength <= 0 || highlightStart < 0 || highlightStart + highlightLength > text.Length) highlightStart = highlightLength = 0;
            var key = (text, highlightStart, highlightLength);
            if (_ids.TryGetValue(key, out var id)) return id;
            var item = new SharedStringItem();
            if (highlightLength == 0) item.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve });
            else
            {
                AddRun(item, text[..highlightStart], highlight: false);
                AddRun(item, text.Substring(highlightStart, highlightLength), highlight: true);
                AddRun(item, text[(highlightStart + highlightLength)..], highlight: false);
            }
            _table.AppendChild(item);
            return _ids[key] = _ids.Count;
        }

        private static void AddRun(SharedStringItem item, string text, bool highlight)
        {
            if (text.Length == 0) return;
            var run = new Run();
            if (highlight) run.AppendChild(new RunProperties(new Bold(), new Color { Rgb = "FFC00000" }, new FontSize { Val = 11 }));
            run.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve });
            item.AppendChild(run);
        }

        public void Save()
        {
            _table.Count = (uint)_ids.Count;
            _table.UniqueCount = (uint)_ids.Count;
            part.SharedStringTable = _table;
            part.SharedStringTable.Save();
        }
    }

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, uint id, string name, Worksheet worksheet, bool hidden)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>("rIdSheet" + id.ToString(CultureInfo.InvariantCulture));
        if (id != 1) worksheet.SheetViews!.GetFirstChild<SheetView>()!.TabSelected = null;
        else worksheet.SheetViews!.GetFirstChild<SheetView>()!.TabSelected = true;
        part.Worksheet = worksheet;
        part.Worksheet.Save();
        sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id, Name = name, State = hidden ? SheetStateValues.Hidden : null });
    }

    private static void AddStyles(WorkbookPart workbookPart)
    {
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF2CC" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { FillId = 2, ApplyFill = true },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true })
            { Count = 4 });
        styles.Stylesheet.Save();
    }

    /// <summary>Copies the package entry by entry with one fixed timestamp, so the same content gives the same bytes.</summary>
    private static void Repack(MemoryStream package, string to)
    {
        package.Position = 0;
        using var input = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        using var output = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var archive = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var entry in input.Entries)
        {
            var copy = archive.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = FixedTime;
            using var target = copy.Open();
            using var source = entry.Open();
            source.CopyTo(target);
        }
    }
}
