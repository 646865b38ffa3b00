using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReportMiner.County;
using ReportMiner.Extract;
using ReportMiner.Structure;

namespace ReportMiner.Output;

/// <summary>A document (or one report of a multi-report file) as a county file lists it.</summary>
/// <param name="Report">1-based report index, or null when the file holds one report.</param>
/// <param name="Ocr">True when some of the file's text was read by OCR.</param>
public sealed record CountyDocument(string Id, int? Report, string? Title, string? Issuer, string? Published, string? Period, string Format, string Sha256, bool Ocr = false)
{
    /// <summary>The earlier file with the same bytes, when this one is a copy (mined once, as that file; its mentions name that file).</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>Report <paramref name="report"/> of a file with <paramref name="reportCount"/> reports (the index is shown only when there are several).</summary>
    public static CountyDocument Of(string id, string format, string sha256, Report report, int reportCount, bool ocr = false)
        => new(id, reportCount > 1 ? report.Index : null, report.Title, report.Issuer, report.Published, report.Period, format, sha256, ocr);
}

/// <summary>
/// Writes <c>counties/&lt;key&gt;.json</c> as the contract (docs/indicators.md, §Output) says:
/// UTF-8, pretty-printed, keys in a fixed order, documents and mentions in input order, so
/// two runs over the same input give the same bytes. Streams: neither the documents nor the
/// mentions need to fit in memory.
/// </summary>
public static class CountyFileWriter
{
    public const string Schema = "reportminer/county/v1";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Files, not HTML: keep 研发, R&D and rule+ml readable (control characters are still escaped).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes one county file to <paramref name="stream"/>. <paramref name="documents"/> come by
    /// id and report; <paramref name="mentions"/> in the same document order, each report's by
    /// position (<see cref="InFileOrder"/>). Each sequence is enumerated once.
    /// </summary>
    public static void Write(Stream stream, CountyRef county, IEnumerable<CountyDocument> documents, IEnumerable<Mention> mentions)
    {
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            WriteHead(w, county);
            w.WriteStartArray("documents");
            foreach (var d in documents)
            {
                WriteDocument(w, d);
                if (w.BytesPending > FlushAt) w.Flush();
            }
            w.WriteEndArray();

            w.WriteStartArray("indicators");
            foreach (var m in mentions)
            {
                WriteMention(w, m);
                if (w.BytesPending > FlushAt) w.Flush();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    /// <summary>
    /// Writes one county file from pre-rendered array elements (<see cref="ElementRenderer"/>,
    /// joined by commas): the same bytes as <see cref="Write(Stream, CountyRef, IEnumerable{CountyDocument}, IEnumerable{Mention})"/>,
    /// without reading the documents and mentions back into objects.
    /// </summary>
    /// <param name="documents">How many documents <paramref name="writeDocuments"/> writes.</param>
    /// <param name="writeDocuments">Copies the documents' elements into the stream.</param>
    /// <param name="mentions">How many mentions <paramref name="writeMentions"/> writes.</param>
    /// <param name="writeMentions">Copies the mentions' elements into the stream.</param>
    public static void Write(Stream stream, CountyRef county, int documents, Action<Stream> writeDocuments, int mentions, Action<Stream> writeMentions)
    {
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            WriteHead(w, county);
            w.WriteStartArray("documents");
        }
        writeDocuments(stream);
        stream.Write(ArrayEnd(documents));
        stream.Write(IndicatorsStart);
        writeMentions(stream);
        stream.Write(ArrayEnd(mentions));
        stream.Write(FileEnd);
    }

    // What Utf8JsonWriter writes (indented) around the arrays' elements; Write above must give its bytes.
    private static byte[] Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s);
    private static readonly byte[] EmptyArrayEnd = Utf8("]");
    private static readonly byte[] ArrayEndAfterElements = Utf8(Options.NewLine + "  ]");
    private static readonly byte[] IndicatorsStart = Utf8("," + Options.NewLine + "  \"indicators\": [");
    private static readonly byte[] FileEnd = Utf8(Options.NewLine + "}\n");

    private static byte[] ArrayEnd(int elements) => elements == 0 ? EmptyArrayEnd : ArrayEndAfterElements;

    /// <summary>
    /// Renders documents and mentions as the elements of a county file's arrays are written:
    /// a line break, indentation, the object. Elements after the first are preceded by a comma.
    /// One instance per thread; each result is valid until the next call.
    /// </summary>
    public sealed class ElementRenderer : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private readonly Utf8JsonWriter _writer;
        private readonly int _prefix;

        public ElementRenderer()
        {
            _writer = new Utf8JsonWriter(_buffer, Options);
            _prefix = Begin();
        }

        public void Dispose() => _writer.Dispose();

        /// <summary>An object holding an array: what follows is written as that array's first element.</summary>
        private int Begin()
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            _writer.WriteStartArray("a");
            _writer.Flush();
            return _buffer.WrittenCount;
        }

        public ReadOnlySpan<byte> Document(CountyDocument d)
        {
            Begin();
            WriteDocument(_writer, d);
            _writer.Flush();
            return _buffer.WrittenSpan[_prefix..];
        }

        public ReadOnlySpan<byte> Mention(Mention m)
        {
            Begin();
            WriteMention(_writer, m);
            _writer.Flush();
            return _buffer.WrittenSpan[_prefix..];
        }
    }

    /// <summary>The file up to the documents: schema and county.</summary>
    private static void WriteHead(Utf8JsonWriter w, CountyRef county)
    {
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WritePropertyName("county");
        w.WriteStartObject();
        w.WriteString("key", county.Key);
        WriteNullable(w, "name", county.Name);
        WriteNullable(w, "code", county.Code);
        WriteNullable(w, "province", county.Province);
        WriteNullable(w, "city", county.City);
        if (county.Candidates is { Count: > 0 } candidates)
        {
            w.WriteStartArray("candidates");
            foreach (var c in candidates) w.WriteStringValue(c);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static void WriteDocument(Utf8JsonWriter w, CountyDocument d)
    {
        w.WriteStartObject();
        w.WriteString("id", d.Id);
        if (d.Report is int report) w.WriteNumber("report", report);
        WriteNullable(w, "title", d.Title);
        WriteNullable(w, "issuer", d.Issuer);
        WriteNullable(w, "published", d.Published);
        WriteNullable(w, "period", d.Period);
        w.WriteString("format", d.Format);
        if (d.Ocr) w.WriteBoolean("ocr", true);
        w.WriteString("sha256", d.Sha256);
        if (d.DuplicateOf is not null) w.WriteString("duplicate_of", d.DuplicateOf);
        w.WriteEndObject();
    }

    /// <summary>A report's mentions as the county file and the tables list them: by position, then indicator.</summary>
    public static IEnumerable<Mention> InFileOrder(IEnumerable<Mention> mentions)
        => mentions.OrderBy(m => m.SpanStart).ThenBy(m => m.Indicator, StringComparer.Ordinal);

    private const int FlushAt = 64 * 1024;

    public static void WriteMention(Utf8JsonWriter w, Mention m)
    {
        w.WriteStartObject();
        w.WriteString("indicator", m.Indicator);
        WriteValue(w, "value", m.Value);
        w.WriteString("unit", m.Unit);
        w.WriteString("raw", m.Raw);
        w.WriteBoolean("approximate", m.Approximate);
        if (m.Bound is not null) w.WriteString("bound", m.Bound);
        w.WriteString("status", m.Status);
        if (m.Qualifier is not null) w.WriteString("qualifier", m.Qualifier);
        WriteNullable(w, "period", m.Period);
        if (m.Scope is not null) w.WriteString("scope", m.Scope);
        w.WriteString("document", m.Document);
        w.WriteNumber("report", m.Report);
        if (m.Page is int page) w.WriteNumber("page", page);
        if (m.Locator is not null) w.WriteString("locator", m.Locator);
        w.WriteString("sentence", m.Sentence);
        // v1's "span" and its explicit name: both index the normalised text.
        WritePair(w, "span", m.SpanStart, m.SpanEnd);
        WritePair(w, "normalised_span", m.SpanStart, m.SpanEnd);
        if (m.SourceStart is int ss && m.SourceEnd is int se) WritePair(w, "source_span", ss, se);
        w.WriteString("method", m.Method);
        WriteValue(w, "confidence", Math.Round(m.Confidence, 4));
        w.WriteString("role", m.Role);
        if (m.PartOf is int partOf) w.WriteNumber("part_of", partOf);
        if (m.Ocr)
        {
            w.WriteBoolean("ocr", true);
            WriteValue(w, "ocr_confidence", Math.Round(m.OcrConfidence ?? 0, 2));
            w.WriteBoolean("ocr_doubtful", m.OcrDoubtful);
        }
        w.WriteEndObject();
    }

    private static void WritePair(Utf8JsonWriter w, string name, int a, int b)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(a);
        w.WriteNumberValue(b);
        w.WriteEndArray();
    }

    /// <summary>Whole numbers are written without a fraction; others in shortest round-trip form.</summary>
    private static void WriteValue(Utf8JsonWriter w, string name, double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 9e15) w.WriteNumber(name, (long)value);
        else w.WriteNumber(name, value);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    /// <summary>The value as the JSON shows it, for tables and tests.</summary>
    public static string FormatValue(double value)
        => value == Math.Floor(value) && Math.Abs(value) < 9e15 ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
}
