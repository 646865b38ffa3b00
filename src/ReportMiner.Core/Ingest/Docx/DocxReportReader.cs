using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;

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
/// The archive is checked by <see cref="ZipGuard"/> first. The OpenXml SDK opens the package and
/// resolves the main document part; that part's XML is then read with a hardened XmlReader (DTDs
/// prohibited, no resolver) into LINQ to XML, which is ~10× faster than the SDK's lazily parsed
/// DOM on these files. Stateless and thread-safe.
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
    internal static IngestResult Read(string id, ReadOnlyMemory<byte> bytes, IngestOptions options, string format)
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
            var part = package.MainDocumentPart;
            if (part is null)
                return IngestResult.Fail(id, format, "not a Word document: the archive has no word/document.xml main part (an Excel or PowerPoint file?)");
            XDocument xml;
            using (var partStream = part.GetStream(FileMode.Open, FileAccess.Read))
            using (var reader = XmlReader.Create(partStream, SafeXml))
                xml = XDocument.Load(reader);
            var body = xml.Root?.Element(Wml.W + "body") ?? xml.Root?.Element(Wml.Strict + "body");
            if (body is null)
                return IngestResult.Fail(id, format, "not a Word document: the main part has no w:body");
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

    /// <summary>No DTD (so no entity expansion), no external resolution.</summary>
    private static readonly XmlReaderSettings SafeXml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes)
        => MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    /// <summary>WordprocessingML names (transitional and strict namespaces).</summary>
    private static class Wml
    {
        public static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        public static readonly XNamespace Strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
        public static readonly XNamespace Mc = "http://schemas.openxmlformats.org/markup-compatibility/2006";
        public static readonly XNamespace Math = "http://schemas.openxmlformats.org/officeDocument/2006/math";

        /// <summary>The w: local name of an element, or null for other namespaces.</summary>
        public static string? Name(XElement e) => e.Name.Namespace == W || e.Name.Namespace == Strict ? e.Name.LocalName : null;

        public static XElement? Child(XElement? e, string localName) => e?.Element(W + localName) ?? e?.Element(Strict + localName);

        /// <summary>The w:val attribute.</summary>
        public static string? Val(XElement? e) => e is null ? null : (string?)e.Attribute(W + "val") ?? (string?)e.Attribute(Strict + "val");

        /// <summary>An on/off property: present and not val="0/false/off".</summary>
        public static bool On(XElement? e) => e is not null && Val(e) is not ("0" or "false" or "off");

        public static int Int(XElement? e, int fallback)
            => int.TryParse(Val(e), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

        /// <summary>The first mc:Choice of an mc:AlternateContent (its mc:Fallback repeats the content).</summary>
        public static XElement? Choice(XElement alternate) => alternate.Element(Mc + "Choice");

        public static bool IsAlternateContent(XElement e) => e.Name == Mc + "AlternateContent";
    }

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

        public void Blocks(XElement container)
        {
            foreach (var child in container.Elements())
            {
                switch (Wml.Name(child))
                {
                    case "p": Paragraph(child); break;
                    case "tbl": Table(child); break;
                    case "sdt": if (Wml.Child(child, "sdtContent") is { } content) Blocks(content); break;
                    case "customXml": Blocks(child); break;
                    case null when Wml.IsAlternateContent(child): if (Wml.Choice(child) is { } choice) Blocks(choice); break;
                }
            }
        }

        private void Paragraph(XElement p)
        {
            _paragraphs++;
            Paragraph(p, "p" + _paragraphs.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>One line for the paragraph, then the paragraphs of its text boxes (<c>p4/x1</c>, <c>p4/x2</c>, …).</summary>
        private void Paragraph(XElement p, string locator)
        {
            var textBoxes = new List<XElement>();
            var line = Inline.Text(p, textBoxes);
            int start = StartLine();
            _text.Append(line);
            if (line.Length > 0)
            {
                _regions.Add(new SourceRegion(start, line.Length, null, locator));
                _lastParagraph = line;
            }
            _lastBlockWasParagraph = true;
            int inBox = 0;
            foreach (var box in textBoxes)
                foreach (var boxParagraph in box.Descendants().Where(e => Wml.Name(e) == "p" && e.Ancestors().First(a => Wml.Name(a) == "txbxContent") == box))
                    Paragraph(boxParagraph, locator + "/x" + (++inBox).ToString(CultureInfo.InvariantCulture));
        }

        private int StartLine()
        {
            if (!_firstLine) _text.Append('\n');
            _firstLine = false;
            return _text.Length;
        }

        private void Table(XElement table)
        {
            _tables++;
            string caption = Wml.Val(Wml.Child(Wml.Child(table, "tblPr"), "tblCaption")) ?? "";
            string? captionUnit = TableUnits.FromCaption(caption) ?? (_lastBlockWasParagraph ? TableUnits.FromCaption(_lastParagraph) : null);
            var rows = TableRows.Read(table);
            var notes = TableAnnotator.Annotate(rows, captionUnit);
            for (int r = 0; r < rows.Count; r++)
            {
                StartLine();
                for (int c = 0; c < rows[r].Cells.Count; c++)
                {
                    var cell = rows[r].Cells[c];
                    if (c > 0) _text.Append('\t');
                    if (cell.Text.Length == 0) continue;
                    string locator = string.Create(CultureInfo.InvariantCulture, $"t{_tables}/r{r + 1}/c{c + 1}");
                    _regions.Add(new SourceRegion(_text.Length, cell.Text.Length, null, locator, notes[r][c].ImpliedUnit, notes[r][c].ColumnHeader));
                    _text.Append(cell.Text);
                }
            }
            _lastBlockWasParagraph = false;
            _lastParagraph = null;
        }
    }

    private static class TableRows
    {
        public static List<TableRowInfo> Read(XElement table)
        {
            var rows = new List<TableRowInfo>();
            foreach (var tr in Wrapped(table, "tr"))
            {
                var props = Wml.Child(tr, "trPr");
                int grid = Math.Max(0, Wml.Int(Wml.Child(props, "gridBefore"), 0));
                bool header = Wml.On(Wml.Child(props, "tblHeader"));
                var cells = new List<TableCellInfo>();
                foreach (var tc in Wrapped(tr, "tc"))
                {
                    var tcPr = Wml.Child(tc, "tcPr");
                    int span = Math.Clamp(Wml.Int(Wml.Child(tcPr, "gridSpan"), 1), 1, 1000);
                    var vMerge = Wml.Child(tcPr, "vMerge");
                    bool continued = vMerge is not null && Wml.Val(vMerge) is null or "continue";
                    cells.Add(new TableCellInfo(continued ? "" : CellText(tc), grid, span));   // a vMerge continuation is empty
                    grid += span;
                }
                rows.Add(new TableRowInfo(cells, header));
            }
            return rows;
        }

        /// <summary>Children named <paramref name="localName"/>, also inside w:sdt/w:sdtContent and w:customXml wrappers.</summary>
        private static IEnumerable<XElement> Wrapped(XElement container, string localName)
        {
            foreach (var child in container.Elements())
            {
                var name = Wml.Name(child);
                if (name == localName) yield return child;
                else if (name == "sdt" && Wml.Child(child, "sdtContent") is { } content) foreach (var e in Wrapped(content, localName)) yield return e;
                else if (name == "customXml") foreach (var e in Wrapped(child, localName)) yield return e;
            }
        }

        /// <summary>A cell's paragraphs (and nested tables) on one line: tabs and breaks become spaces, pieces joined directly between CJK, else by a space.</summary>
        private static string CellText(XElement cell)
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

        private static void Collect(XElement container, List<string> pieces)
        {
            foreach (var child in container.Elements())
            {
                switch (Wml.Name(child))
                {
                    case "p":
                        var boxes = new List<XElement>();
                        pieces.Add(Inline.Text(child, boxes));
                        foreach (var box in boxes) Collect(box, pieces);
                        break;
                    case "tbl":
                        foreach (var row in Read(child)) foreach (var c in row.Cells) pieces.Add(c.Text);
                        break;
                    case "sdt": if (Wml.Child(child, "sdtContent") is { } content) Collect(content, pieces); break;
                    case "customXml": Collect(child, pieces); break;
                }
            }
        }
    }

    /// <summary>The text of one paragraph's runs.</summary>
    private static class Inline
    {
        public static string Text(XElement paragraph, List<XElement> textBoxes)
        {
            var sb = new StringBuilder();
            var fields = new List<bool>();   // per open field: true while in its code part
            Walk(paragraph, sb, fields, textBoxes);
            return sb.ToString();
        }

        private static bool InFieldCode(List<bool> fields) => fields.Count > 0 && fields.Contains(true);

        private static void Walk(XElement element, StringBuilder sb, List<bool> fields, List<XElement> textBoxes)
        {
            foreach (var child in element.Elements())
            {
                var name = Wml.Name(child);
                switch (name)
                {
                    case "t": if (!InFieldCode(fields)) sb.Append(child.Value); break;
                    case "tab" or "ptab": if (!InFieldCode(fields)) sb.Append('\t'); break;
                    case "br" or "cr": if (!InFieldCode(fields)) sb.Append('\n'); break;
                    case "noBreakHyphen": if (!InFieldCode(fields)) sb.Append('-'); break;
                    case "sym": if (!InFieldCode(fields)) AppendSymbol(child, sb); break;
                    case "fldChar":
                        var type = (string?)child.Attribute(Wml.W + "fldCharType") ?? (string?)child.Attribute(Wml.Strict + "fldCharType");
                        if (type == "begin") fields.Add(true);
                        else if (type == "separate" && fields.Count > 0) fields[^1] = false;
                        else if (type == "end" && fields.Count > 0) fields.RemoveAt(fields.Count - 1);
                        break;
                    case "txbxContent": textBoxes.Add(child); break;
                    case "del" or "moveFrom" or "delText" or "instrText" or "delInstrText" or "pPr" or "rPr" or "rt" or "rubyPr" or "softHyphen":
                        break;
                    case null when child.Name == Wml.Math + "t":
                        if (!InFieldCode(fields)) sb.Append(child.Value);
                        break;
                    case null when Wml.IsAlternateContent(child):
                        if (Wml.Choice(child) is { } choice) Walk(choice, sb, fields, textBoxes);
                        break;
                    default:
                        if (child.HasElements) Walk(child, sb, fields, textBoxes);
                        break;
                }
            }
        }

        /// <summary>w:sym: the character, unless it is from a symbol font (Wingdings, Symbol), whose code points are private-use glyphs.</summary>
        private static void AppendSymbol(XElement sym, StringBuilder sb)
        {
            var font = (string?)sym.Attribute(Wml.W + "font") ?? "";
            if (font.Contains("Wingdings", StringComparison.OrdinalIgnoreCase) || font.Contains("Symbol", StringComparison.OrdinalIgnoreCase) || font.Contains("Webdings", StringComparison.OrdinalIgnoreCase))
                return;
            if (int.TryParse((string?)sym.Attribute(Wml.W + "char"), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) && code is > 0x1F and < 0xD800 and not (>= 0xE000 and < 0xF900))
                sb.Append((char)code);
        }
    }
}
