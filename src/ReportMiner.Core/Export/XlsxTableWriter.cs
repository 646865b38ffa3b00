using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ReportMiner.Output;

namespace ReportMiner.Export;

/// <summary>
/// The tables as an Excel workbook: <c>mentions</c> (the long table), <c>pivot</c> (county ×
/// indicator × period, actual and target apart), <c>documents</c> (mined documents, then
/// failed files), and <c>panel</c>, <c>conflicts</c> and <c>checks</c> (<see cref="PanelTables"/>). Numbers are number cells, the header row is frozen and bold, columns are
/// sized to their content. Rows stream into sheet fragments on disk (a sheet's column widths
/// come before its rows, so they are known only at the end); <see cref="Complete"/> puts the
/// package together with the Open XML SDK. The bytes depend only on the data: the zip is
/// re-packed with a fixed timestamp and no package properties are written.
/// </summary>
public sealed class XlsxTableWriter : ITableWriter
{
    /// <summary>Excel's limit on the characters of one cell.</summary>
    public const int MaxCellText = 32767;

    /// <summary>Widest column, in characters.</summary>
    private const double MaxWidth = 60;

    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Excel's limit on the rows of one sheet.</summary>
    public const int MaxSheetRows = 1_048_576;

    private readonly string _path;
    private readonly int _maxRows;
    private readonly SheetSeries _mentions;
    private readonly SheetSeries _documents;
    private readonly List<ErrorRow> _errors = [];
    private readonly PivotTable _pivot = new();
    private readonly PanelCollector _panel;
    private bool _completed;

    /// <summary>The sheets a workbook has unless a table outgrows Excel's row limit.</summary>
    private static readonly string[] UsualSheets = [MentionsSheet, PivotSheet, DocumentsSheet, PanelSheet, ConflictsSheet, ChecksSheet];

    private const string MentionsSheet = "mentions", PivotSheet = "pivot", DocumentsSheet = "documents",
        PanelSheet = "panel", ConflictsSheet = "conflicts", ChecksSheet = "checks";

    /// <summary>
    /// The package for <see cref="UsualSheets"/>, built on a pool thread while the rows come in:
    /// the Open XML SDK's first use costs tens of milliseconds, which would otherwise all fall
    /// at the end of a batch.
    /// </summary>
    private readonly Task<Skeleton> _usualSkeleton;

    /// <param name="path">The workbook to publish.</param>
    /// <param name="maxRows">Rows per sheet, the header included; a table with more goes on in "mentions 2", "mentions 3" ….</param>
    /// <param name="panel">Options of the panel's checks.</param>
    public XlsxTableWriter(string path, int maxRows = MaxSheetRows, Panel.PanelOptions? panel = null)
    {
        _panel = new PanelCollector(panel);
        _path = path;
        _maxRows = Math.Max(2, maxRows);
        _mentions = new SheetSeries(MentionsSheet, MentionTable.Headers, path, _maxRows);
        _documents = new SheetSeries(DocumentsSheet, MentionTable.DocumentHeaders, path, _maxRows);
        _usualSkeleton = Task.Run(() => Skeleton.Build(UsualSheets));
    }

    public void AddDocument(DocumentRow document)
    {
        _documents.Add(MentionTable.DocumentCells(document));
        _panel.AddDocument(document);
    }

    public void AddMention(MentionRow mention)
    {
        var (id, partOf) = _panel.AddMention(mention);
        _mentions.Add(MentionTable.Row(mention, id, partOf));
        _pivot.Add(mention);
    }

    /// <summary>Failed files are listed after the documents, so they wait here (one small row each).</summary>
    public void AddError(ErrorRow error) => _errors.Add(error);

    public bool Complete(IReadOnlyList<CountyRow> counties)
    {
        if (_completed) throw new InvalidOperationException("already completed");
        _completed = true;
        foreach (var e in _errors) _documents.Add(MentionTable.ErrorCells(e));
        using var pivot = new SheetSeries(PivotSheet, MentionTable.PivotHeaders, _path, _maxRows);
        foreach (var row in _pivot.Rows()) pivot.Add(row);
        var result = _panel.Build();
        using var panel = new SheetSeries(PanelSheet, PanelTables.PanelHeaders, _path, _maxRows);
        foreach (var row in result.Rows) panel.Add(PanelTables.PanelCells(row));
        using var conflicts = new SheetSeries(ConflictsSheet, PanelTables.ConflictHeaders, _path, _maxRows);
        foreach (var row in result.Conflicts) conflicts.Add(PanelTables.ConflictCells(row));
        using var checks = new SheetSeries(ChecksSheet, PanelTables.CheckHeaders, _path, _maxRows);
        foreach (var row in result.Checks) checks.Add(PanelTables.CheckCells(row));

        // The Open XML SDK builds the package around empty sheets (small, in memory); the sheets'
        // rows are streamed in while the package is re-packed (see Repack).
        var sheets = new[] { _mentions, pivot, _documents, panel, conflicts, checks }.SelectMany(series => series.Sheets).ToList();
        var names = sheets.Select(sheet => sheet.Name).ToArray();
        using var skeleton = names.SequenceEqual(UsualSheets) ? _usualSkeleton.GetAwaiter().GetResult() : Skeleton.Build(names);
        var sheetsByEntry = new Dictionary<string, (uint Id, SheetFragment Rows)>(StringComparer.Ordinal);
        for (int k = 0; k < sheets.Count; k++) sheetsByEntry[skeleton.SheetEntries[k]] = ((uint)(k + 1), sheets[k].Rows);
        var packed = AtomicFile.TempPathFor(_path);
        try
        {
            Repack(skeleton.Package, packed, sheetsByEntry);
            return AtomicFile.PublishIfChanged(packed, _path);
        }
        finally
        {
            if (File.Exists(packed)) File.Delete(packed);
        }
    }

    public void Dispose()
    {
        _mentions.Dispose();
        _documents.Dispose();
    }

    /// <summary>A workbook package with empty sheets, and the zip entry of each sheet, in order.</summary>
    private sealed class Skeleton(MemoryStream package, List<string> sheetEntries) : IDisposable
    {
        public MemoryStream Package { get; } = package;
        public List<string> SheetEntries { get; } = sheetEntries;

        /// <summary>Builds the package for sheets named <paramref name="names"/> (ids 1, 2, … in that order).</summary>
        public static Skeleton Build(string[] names)
        {
            var package = new MemoryStream();
            var entries = new List<string>(names.Length);
            using (var doc = SpreadsheetDocument.Create(package, SpreadsheetDocumentType.Workbook))
            {
                // A fixed relationship id (AddWorkbookPart would make a random one).
                var workbookPart = doc.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rIdWorkbook");
                workbookPart.Workbook = new Workbook();
                AddStyles(workbookPart);
                var sheets = workbookPart.Workbook.AppendChild(new Sheets());
                for (int k = 0; k < names.Length; k++) entries.Add(AddSheet(workbookPart, sheets, (uint)(k + 1), names[k]));
                workbookPart.Workbook.Save();
            }
            return new Skeleton(package, entries);
        }

        public void Dispose() => Package.Dispose();
    }

    /// <summary>Adds an empty worksheet part and its entry in the workbook; returns the part's zip entry name.</summary>
    private static string AddSheet(WorkbookPart workbookPart, Sheets sheets, uint id, string name)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>("rIdSheet" + id);
        part.Worksheet = new Worksheet(new SheetData());
        part.Worksheet.Save();
        sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id, Name = name });
        return part.Uri.OriginalString.TrimStart('/');
    }

    /// <summary>Writes one worksheet: frozen header view, column widths, the header row, the fragment's rows, an auto-filter.</summary>
    private static void WriteSheet(Stream stream, uint id, SheetFragment rows)
    {
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        w.WriteStartElement("worksheet", MainNs);
        w.WriteStartElement("sheetViews", MainNs);
        w.WriteStartElement("sheetView", MainNs);
        if (id == 1) w.WriteAttributeString("tabSelected", "1");
        w.WriteAttributeString("workbookViewId", "0");
        // Header row frozen: the pane below row 1 scrolls.
        w.WriteStartElement("pane", MainNs);
        w.WriteAttributeString("ySplit", "1");
        w.WriteAttributeString("topLeftCell", "A2");
        w.WriteAttributeString("activePane", "bottomLeft");
        w.WriteAttributeString("state", "frozen");
        w.WriteEndElement();
        w.WriteStartElement("selection", MainNs);
        w.WriteAttributeString("pane", "bottomLeft");
        w.WriteAttributeString("activeCell", "A2");
        w.WriteAttributeString("sqref", "A2");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("sheetFormatPr", MainNs);
        w.WriteAttributeString("defaultRowHeight", "15");
        w.WriteEndElement();
        w.WriteStartElement("cols", MainNs);
        for (int i = 0; i < rows.Widths.Length; i++)
        {
            w.WriteStartElement("col", MainNs);
            w.WriteAttributeString("min", Invariant(i + 1));
            w.WriteAttributeString("max", Invariant(i + 1));
            w.WriteAttributeString("width", Math.Min(MaxWidth, rows.Widths[i] + 2).ToString("R", CultureInfo.InvariantCulture));
            w.WriteAttributeString("customWidth", "1");
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteStartElement("sheetData", MainNs);
        w.WriteRaw("");   // close the start tag before the raw rows are copied in
        w.Flush();
        rows.CopyRowsTo(stream);
        w.WriteEndElement();
        w.WriteStartElement("autoFilter", MainNs);
        w.WriteAttributeString("ref", $"A1:{ColumnName(rows.Widths.Length - 1)}{rows.Count}");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>One table over as many sheets as Excel's row limit needs: "mentions", "mentions 2" ….</summary>
    private sealed class SheetSeries(string name, string[] headers, string path, int maxRows) : IDisposable
    {
        private readonly List<SheetFragment> _parts = [new SheetFragment(AtomicFile.TempPathFor(path), headers)];

        public IEnumerable<(string Name, SheetFragment Rows)> Sheets
            => _parts.Select((part, i) => (i == 0 ? name : name + " " + (i + 1).ToString(CultureInfo.InvariantCulture), part));

        public void Add(Cell[] cells)
        {
            if (_parts[^1].Count >= maxRows) _parts.Add(new SheetFragment(AtomicFile.TempPathFor(path), headers));
            _parts[^1].Add(cells);
        }

        public void Dispose()
        {
            foreach (var part in _parts) part.Dispose();
        }
    }

    /// <summary>
    /// The rows of one sheet as SpreadsheetML <c>&lt;row&gt;</c> elements in a temporary file,
    /// the header row first, with each column's display width tracked as rows go by.
    /// </summary>
    private sealed class SheetFragment : IDisposable
    {
        private readonly FileStream _file;
        private readonly StreamWriter _writer;

        public SheetFragment(string path, string[] headers)
        {
            _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            // UTF-8 without a byte-order mark; a lone surrogate becomes U+FFFD.
            _writer = new StreamWriter(_file, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            Widths = new double[headers.Length];
            Write(headers.Select(Cell.Of).ToArray(), header: true);
        }

        public double[] Widths { get; }

        /// <summary>Rows written, the header included.</summary>
        public uint Count { get; private set; }

        public void Add(Cell[] cells) => Write(cells, header: false);

        /// <summary>
        /// One <c>&lt;row&gt;</c>, written by hand (an XmlWriter's checks cost more than the rest of
        /// the table): the attributes are our own ASCII, only cell text needs escaping. The row
        /// has no namespace of its own and takes the worksheet's default one.
        /// </summary>
        private void Write(Cell[] cells, bool header)
        {
            var w = _writer;
            var index = Invariant(++Count);
            w.Write("<row r=\"");
            w.Write(index);
            w.Write("\">");
            for (int i = 0; i < cells.Length; i++)
            {
                var c = cells[i];
                if (c.Number is double d)
                {
                    var text = Output.CountyFileWriter.FormatValue(d);
                    Widths[i] = Math.Max(Widths[i], text.Length);
                    w.Write("<c r=\"");
                    w.Write(ColumnName(i));
                    w.Write(index);
                    w.Write("\" t=\"n\"><v>");
                    w.Write(text);
                    w.Write("</v></c>");
                }
                else if (c.Kind == CellKind.Boolean && !header)
                {
                    Widths[i] = Math.Max(Widths[i], 5);
                    w.Write("<c r=\"");
                    w.Write(ColumnName(i));
                    w.Write(index);
                    w.Write(c.Text == "true" ? "\" t=\"b\"><v>1</v></c>" : "\" t=\"b\"><v>0</v></c>");
                }
                else if (c.Kind == CellKind.Date && !header && DateSerial(c.Text!) is { } serial)
                {
                    // A date cell: the day's serial number in a yyyy-mm-dd format (style 3).
                    Widths[i] = Math.Max(Widths[i], 10);
                    w.Write("<c r=\"");
                    w.Write(ColumnName(i));
                    w.Write(index);
                    w.Write("\" s=\"3\"><v>");
                    w.Write(serial);
                    w.Write("</v></c>");
                }
                else if (c.Text is string text)
                {
                    if (text.Length > MaxCellText) text = text[..MaxCellText];
                    Widths[i] = Math.Max(Widths[i], DisplayWidth(text, (int)MaxWidth));
                    w.Write("<c r=\"");
                    w.Write(ColumnName(i));
                    w.Write(index);
                    w.Write(header ? "\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                        : FormulaGuard.StartsFormula(text) ? "\" s=\"2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                        : "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                    WriteEscaped(w, text);
                    w.Write("</t></is></c>");
                }
            }
            w.Write("</row>");
        }

        public void CopyRowsTo(Stream target)
        {
            _writer.Flush();
            _file.Position = 0;
            _file.CopyTo(target);
        }

        public void Dispose()
        {
            _writer.Dispose();
            _file.Dispose();
        }
    }

    /// <summary>Excel's serial day number of a <c>yyyy-MM-dd</c> date (days since 1899-12-30, the 1900 date system), or null.</summary>
    internal static string? DateSerial(string date)
        => DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d >= new DateOnly(1900, 3, 1)
            ? (d.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture) : null;

    private static readonly string[] ColumnNames = Enumerable.Range(0, 64).Select(ColumnNameOf).ToArray();

    /// <summary>
    /// Styles: 0 the default, 1 bold (header), 3 a date (yyyy-mm-dd), 2 quote-prefixed: text that would start a formula
    /// (OWASP's list, <see cref="FormulaGuard"/>). Inline strings are never evaluated, and the
    /// quote prefix keeps them text when a user edits the cell; the text itself is unchanged.
    /// </summary>
    private static void AddStyles(WorkbookPart workbookPart)
    {
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }, new CellFormat { QuotePrefix = true },
                new CellFormat { NumberFormatId = DateFormatId, ApplyNumberFormat = true })
            { Count = 4 });
        styles.Stylesheet.PrependChild(new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy-mm-dd" }) { Count = 1 });
        styles.Stylesheet.Save();
    }

    /// <summary>The first id of a workbook's own number formats (those below are built in).</summary>
    private const uint DateFormatId = 164;

    /// <summary>A0-style column letters for a 0-based index.</summary>
    public static string ColumnName(int index) => index < ColumnNames.Length ? ColumnNames[index] : ColumnNameOf(index);

    private static string ColumnNameOf(int index)
    {
        var name = "";
        for (int n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>Characters as wide as they show (CJK and full-width count twice), up to <paramref name="max"/>: a column is never wider.</summary>
    private static int DisplayWidth(string s, int max)
    {
        int w = 0;
        foreach (var ch in s)
        {
            w += ch >= 0x1100 && (ch <= 0x115f || (ch >= 0x2e80 && ch <= 0xa4cf) || (ch >= 0xac00 && ch <= 0xd7a3) || (ch >= 0xf900 && ch <= 0xfaff) || (ch >= 0xff00 && ch <= 0xff60)) ? 2 : 1;
            if (w >= max) return max;
        }
        return w;
    }

    /// <summary>Characters cell text cannot carry as they are: markup, CR (a parser would turn it into LF), and what XML 1.0 cannot hold.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "&<>\r\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    /// <summary>Writes cell text as XML character data: markup escaped, CR as a reference, control characters (which XML 1.0 cannot hold) as spaces.</summary>
    internal static void WriteEscaped(TextWriter w, ReadOnlySpan<char> text)
    {
        for (int next; (next = text.IndexOfAny(Special)) >= 0; text = text[(next + 1)..])
        {
            w.Write(text[..next]);
            w.Write(text[next] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\r' => "&#xD;",
                _ => " ",
            });
        }
        w.Write(text);
    }

    /// <summary>
    /// Copies the package entry by entry, in the same order, compressed, with one fixed
    /// timestamp; the sheets' entries get their rows from the fragments on the way.
    /// </summary>
    private static void Repack(MemoryStream package, string to, Dictionary<string, (uint Id, SheetFragment Rows)> sheets)
    {
        package.Position = 0;
        using var input = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        using var output = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                var copy = archive.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                copy.LastWriteTime = FixedTime;
                using var target = copy.Open();
                if (sheets.TryGetValue(entry.FullName, out var sheet))
                {
                    WriteSheet(target, sheet.Id, sheet.Rows);
                    continue;
                }
                using var source = entry.Open();
                source.CopyTo(target);
            }
        }
    }
}
