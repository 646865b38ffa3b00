using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ReportMiner.Ingest;

/// <summary>
/// Reads DOCX reports with the OpenXml SDK, walking the runs itself: w:t text, w:tab → '\t',
/// w:br / w:cr → '\n'; deleted text (w:del, w:delText, w:moveFrom), field codes (w:instrText and
/// the code part of fldChar begin…separate) and ruby guides are skipped; headers, footers,
/// footnotes and comments live in other parts and are not read. Body paragraphs give one line
/// each (region <c>p{n}</c>); text boxes follow their paragraph. A table gives one line per row
/// with the cells joined by '\t' and one region per cell (<c>t{n}/r{n}/c{n}</c>, 1-based, c = the
/// cell's place in its row) carrying its column header (grid-aware, so gridSpan and gridBefore
/// line up) and implied unit: the column header's unit, else the row label's, else the caption's
/// (w:tblCaption or the paragraph before the table, e.g. <c>单位:万元</c>); none in a 序号 column.
/// The archive is checked by <see cref="ZipGuard"/> first; DTDs are refused by the SDK's XML
/// settings. Stateless and thread-safe.
/// </summary>
public sealed class DocxReportReader : IReportReader
{
    /// <summary>Format name given to documents; <see cref="LegacyWordReportReader"/> passes its own.</summary>
    public string Format => "docx";

    public ReaderMatch Match(ReadOnlySpan<byte> head, string extension)
    {
        if (head.StartsWith("PK\u0003\u0004"u8)) return ReaderMatch.Content;
        return extension is ".docx" or ".docm" or ".dotx" ? ReaderMatch.Extension : ReaderMatch.No;
    }

    public IngestResult Read(string id, ReadOnlyMemory<byte> bytes, IngestOptions options) => Read(id, bytes, options, Format);

    /// <summary>Reads a DOCX and labels the document with <paramref name="format"/> (e.g. <c>doc</c> after conversion).</summary>
    internal IngestResult Read(string id, ReadOnlyMemory<byte> bytes, IngestOptions options, string format)
    {
        if (!bytes.Span.StartsWith("PK\u0003\u0004"u8) && !bytes.Span.StartsWith("PK\u0005\u0006"u8))
            return IngestResult.Fail(id, format, "not a DOCX: the file is not a zip archive (no PK header)");
        using var stream = AsStream(bytes);
        var problem = ZipGuard.Check(stream, options.MaxDecompressedBytes);
        if (problem is not null) return IngestResult.Fail(id, format, problem);
        stream.Position = 0;
        try
        {
            using var package = WordprocessingDocument.Open(stream, false, new OpenSettings { AutoSave = false });
            var body = package.MainDocumentPart?.Document?.Body;
            if (body is null)
                return IngestResult.Fail(id, format, "not a Word document: the archive has no word/document.xml main part (an Excel or PowerPoint file?)");
            var builder = new DocBuilder();
            builder.Blocks(body);
            return IngestResult.Ok(new SourceDocument
            {
                Id = id,
                Format = format,
                Text = builder.Text,
                Sha256 = Hashing.Sha256Hex(bytes.Span),
                Regions = builder.Regions,
            });
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return IngestResult.Fail(id, format, $"the document XML contains a DTD, which is refused (entity expansion attack?): {ex.Message}");
        }
        catch (XmlException ex)
        {
            return IngestResult.Fail(id, format, $"malformed document XML: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return IngestResult.Fail(id, format, $"damaged DOCX package: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes)
        => MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    /// <summary>Accumulates the document text and its regions while walking the body.</summary>
    private sealed class DocBuilder
    {
        private readonly StringBuilder _text = new();
        private readonly List<SourceRegion> _regions = [];
        private bool _firstLine = true;
        private int _paragraphs, _tables;
        private string? _lastParagraph;       // text of the last non-empty body paragraph…
        private bool _lastBlockWasParagraph;  // …and whether only paragraphs came after it

        public string Text => _text.ToString();
        public IReadOnlyList<SourceRegion> Regions => _regions;

        public void Blocks(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case W.Paragraph p: Paragraph(p); break;
                    case W.Table t: Table(t); break;
                    case W.SdtBlock sdt: if (sdt.SdtContentBlock is { } content) Blocks(content); break;
                    case W.CustomXmlBlock xml: Blocks(xml); break;
                    case AlternateContent alt: if (alt.GetFirstChild<AlternateContentChoice>() is { } choice) Blocks(choice); break;
                }
            }
        }

        private void Paragraph(W.Paragraph p)
        {
            _paragraphs++;
            var textBoxes = new List<W.TextBoxContent>();
            var line = Inline.Text(p, textBoxes);
            int start = StartLine();
            _text.Append(line);
            if (line.Length > 0)
            {
                _regions.Add(new SourceRegion(start, line.Length, null, "p" + _paragraphs.ToString(CultureInfo.InvariantCulture)));
                _lastParagraph = line;
            }
            _lastBlockWasParagraph = true;
            foreach (var box in textBoxes) Blocks(box);
        }

        private int StartLine()
        {
            if (!_firstLine) _text.Append('\n');
            _firstLine = false;
            return _text.Length;
        }

        private void Table(W.Table table)
        {
            _tables++;
            string caption = table.GetFirstChild<W.TableProperties>()?.GetFirstChild<W.TableCaption>()?.Val?.Value ?? "";
            string? captionUnit = TableUnits.FromCaption(caption) ?? (_lastBlockWasParagraph ? TableUnits.FromCaption(_lastParagraph) : null);
            var rows = TableRows.Read(table);
            var headerRows = TableRows.HeaderRowCount(rows);
            var headers = TableRows.ColumnHeaders(rows, headerRows);

            for (int r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                bool isHeader = r < headerRows;
                int labelIndex = isHeader ? -1 : row.Cells.FindIndex(c => IsLabel(c, headers));
                string? rowUnit = labelIndex >= 0 ? TableUnits.FromHeader(row.Cells[labelIndex].Text) : null;
                int start = StartLine();
                for (int c = 0; c < row.Cells.Count; c++)
                {
                    var cell = row.Cells[c];
                    if (c > 0) _text.Append('\t');
                    if (cell.Text.Length == 0) continue;
                    string? header = isHeader ? null : HeaderOf(cell, headers);
                    string? unit = null;
                    if (!isHeader && !TableUnits.IsIndexColumn(header))
                        unit = TableUnits.FromHeader(header) ?? (c >= labelIndex && labelIndex >= 0 ? rowUnit : null) ?? captionUnit;
                    string locator = string.Create(CultureInfo.InvariantCulture, $"t{_tables}/r{r + 1}/c{c + 1}");
                    _regions.Add(new SourceRegion(_text.Length, cell.Text.Length, null, locator, unit, string.IsNullOrEmpty(header) ? null : header));
                    _text.Append(cell.Text);
                }
                _ = start;
            }
            _lastBlockWasParagraph = false;
            _lastParagraph = null;
        }

        /// <summary>A row label: text with letters (not a bare number), outside an index column.</summary>
        private static bool IsLabel(TableCell cell, Dictionary<int, string> headers)
            => cell.Text.Any(char.IsLetter) && !TableUnits.IsIndexColumn(HeaderOf(cell, headers));

        /// <summary>The header over a cell: of its first grid column, or, for a cell spanning an index column (序号) and more, of the first other one.</summary>
        private static string? HeaderOf(TableCell cell, Dictionary<int, string> headers)
        {
            string? first = headers.GetValueOrDefault(cell.GridColumn);
            for (int g = cell.GridColumn; g < cell.GridColumn + cell.GridSpan; g++)
                if (headers.TryGetValue(g, out var h) && !TableUnits.IsIndexColumn(h)) return h;
            return first;
        }
    }

    /// <summary>A table cell's text and its first grid column.</summary>
    private sealed record TableCell(string Text, int GridColumn, int GridSpan, bool MergedFromAbove);

    private sealed record TableRow(List<TableCell> Cells, bool MarkedHeader);

    private static class TableRows
    {
        public static List<TableRow> Read(W.Table table)
        {
            var rows = new List<TableRow>();
            foreach (var tr in RowsOf(table))
            {
                var props = tr.TableRowProperties;
                int grid = props?.GetFirstChild<W.GridBefore>()?.Val?.Value ?? 0;
                bool header = props?.GetFirstChild<W.TableHeader>() is { } th && (th.Val is null || th.Val.Value != W.OnOffOnlyValues.Off);
                var cells = new List<TableCell>();
                foreach (var tc in CellsOf(tr))
                {
                    var tcPr = tc.TableCellProperties;
                    int span = Math.Max(1, tcPr?.GridSpan?.Val?.Value ?? 1);
                    var vMerge = tcPr?.VerticalMerge;
                    bool continued = vMerge is not null && (vMerge.Val is null || vMerge.Val.Value == W.MergedCellValues.Continue);
                    cells.Add(new TableCell(continued ? "" : CellText(tc), grid, span, continued));
                    grid += span;
                }
                rows.Add(new TableRow(cells, header));
            }
            return rows;
        }

        /// <summary>Rows marked w:tblHeader at the top; else the first row when its cells are mostly words, not numbers.</summary>
        public static int HeaderRowCount(List<TableRow> rows)
        {
            int marked = 0;
            while (marked < rows.Count && rows[marked].MarkedHeader) marked++;
            if (marked > 0) return marked;
            if (rows.Count < 2) return 0;
            var texts = rows[0].Cells.Where(c => c.Text.Length > 0).ToList();
            if (texts.Count == 0) return 0;
            int numeric = texts.Count(c => LooksNumeric(c.Text));
            return numeric * 2 < texts.Count ? 1 : 0;
        }

        /// <summary>Header text per grid column (a spanning header cell covers all its columns; stacked header rows are joined by a space).</summary>
        public static Dictionary<int, string> ColumnHeaders(List<TableRow> rows, int headerRows)
        {
            var headers = new Dictionary<int, string>();
            for (int r = 0; r < headerRows; r++)
                foreach (var cell in rows[r].Cells)
                {
                    if (cell.Text.Length == 0) continue;
                    for (int g = cell.GridColumn; g < cell.GridColumn + cell.GridSpan; g++)
                        headers[g] = headers.TryGetValue(g, out var above) && above != cell.Text ? above + " " + cell.Text : cell.Text;
                }
            return headers;
        }

        private static bool LooksNumeric(string text)
        {
            int digits = text.Count(char.IsDigit), letters = text.Count(char.IsLetter);
            return digits > 0 && letters <= 1;
        }

        private static IEnumerable<W.TableRow> RowsOf(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                if (child is W.TableRow tr) yield return tr;
                else if (child is W.SdtRow { SdtContentRow: { } content }) foreach (var r in RowsOf(content)) yield return r;
                else if (child is W.CustomXmlRow xml) foreach (var r in RowsOf(xml)) yield return r;
            }
        }

        private static IEnumerable<W.TableCell> CellsOf(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                if (child is W.TableCell tc) yield return tc;
                else if (child is W.SdtCell { SdtContentCell: { } content }) foreach (var c in CellsOf(content)) yield return c;
                else if (child is W.CustomXmlCell xml) foreach (var c in CellsOf(xml)) yield return c;
            }
        }

        /// <summary>A cell's paragraphs (and nested tables) on one line: tabs and breaks become spaces, pieces joined directly between CJK, else by a space.</summary>
        private static string CellText(W.TableCell cell)
        {
            var pieces = new List<string>();
            Collect(cell, pieces);
            var sb = new StringBuilder();
            foreach (var raw in pieces)
            {
                var piece = raw.Replace('\t', ' ').Replace('\n', ' ').Trim();
                if (piece.Length == 0) continue;
                if (sb.Length > 0 && !(PdfTextCleaner.IsWide(sb[^1]) || PdfTextCleaner.IsWide(piece[0]))) sb.Append(' ');
                sb.Append(piece);
            }
            return sb.ToString();
        }

        private static void Collect(OpenXmlElement container, List<string> pieces)
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case W.Paragraph p:
                        var boxes = new List<W.TextBoxContent>();
                        pieces.Add(Inline.Text(p, boxes));
                        foreach (var box in boxes) Collect(box, pieces);
                        break;
                    case W.Table t:
                        foreach (var row in Read(t)) foreach (var c in row.Cells) pieces.Add(c.Text);
                        break;
                    case W.SdtBlock { SdtContentBlock: { } content }: Collect(content, pieces); break;
                    case W.CustomXmlBlock xml: Collect(xml, pieces); break;
                }
            }
        }
    }

    /// <summary>The text of one paragraph's runs.</summary>
    private static class Inline
    {
        public static string Text(W.Paragraph paragraph, List<W.TextBoxContent> textBoxes)
        {
            var sb = new StringBuilder();
            var fields = new List<bool>();   // per open field: true while in its code part
            Walk(paragraph, sb, fields, textBoxes);
            return sb.ToString();
        }

        private static bool InFieldCode(List<bool> fields) => fields.Contains(true);

        private static void Walk(OpenXmlElement element, StringBuilder sb, List<bool> fields, List<W.TextBoxContent> textBoxes)
        {
            foreach (var child in element.ChildElements)
            {
                switch (child)
                {
                    case W.Text t: if (!InFieldCode(fields)) sb.Append(t.Text); break;
                    case DocumentFormat.OpenXml.Math.Text mt: if (!InFieldCode(fields)) sb.Append(mt.Text); break;
                    case W.TabChar or W.PositionalTab: if (!InFieldCode(fields)) sb.Append('\t'); break;
                    case W.Break or W.CarriageReturn: if (!InFieldCode(fields)) sb.Append('\n'); break;
                    case W.NoBreakHyphen: if (!InFieldCode(fields)) sb.Append('-'); break;
                    case W.SymbolChar sym: if (!InFieldCode(fields)) AppendSymbol(sym, sb); break;
                    case W.FieldChar fc:
                        var type = fc.FieldCharType?.Value;
                        if (type == W.FieldCharValues.Begin) fields.Add(true);
                        else if (type == W.FieldCharValues.Separate && fields.Count > 0) fields[^1] = false;
                        else if (type == W.FieldCharValues.End && fields.Count > 0) fields.RemoveAt(fields.Count - 1);
                        break;
                    case W.TextBoxContent box: textBoxes.Add(box); break;
                    case W.DeletedRun or W.MoveFromRun or W.DeletedText or W.FieldCode or W.DeletedFieldCode
                        or W.ParagraphProperties or W.RunProperties or W.RubyContent or W.RubyProperties or AlternateContentFallback:
                        break;
                    case AlternateContent alt:
                        if (alt.GetFirstChild<AlternateContentChoice>() is { } choice) Walk(choice, sb, fields, textBoxes);
                        break;
                    default:
                        if (child.HasChildren) Walk(child, sb, fields, textBoxes);
                        break;
                }
            }
        }

        /// <summary>w:sym: the character, unless it is from a symbol font (Wingdings, Symbol), whose code points are private-use glyphs.</summary>
        private static void AppendSymbol(W.SymbolChar sym, StringBuilder sb)
        {
            var font = sym.Font?.Value ?? "";
            if (font.Contains("Wingdings", StringComparison.OrdinalIgnoreCase) || font.Contains("Symbol", StringComparison.OrdinalIgnoreCase) || font.Contains("Webdings", StringComparison.OrdinalIgnoreCase))
                return;
            if (int.TryParse(sym.Char?.Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) && code is > 0x1F and < 0xD800 and not (>= 0xE000 and < 0xF900))
                sb.Append((char)code);
        }
    }
}
