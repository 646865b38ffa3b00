using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ReportMiner.County;
using ReportMiner.Extract;
using ReportMiner.Ingest;
using ReportMiner.Structure;

namespace ReportMiner.Output;

/// <summary>A document's part in one county file: the report and its mentions.</summary>
public sealed record CountyEntry(SourceDocument Source, Report Report, int ReportCount, IReadOnlyList<Mention> Mentions);

/// <summary>
/// Writes <c>counties/&lt;key&gt;.json</c> as the contract (docs/indicators.md, §Output) says:
/// UTF-8, pretty-printed, keys in a fixed order, documents and mentions sorted, so two runs
/// over the same input give the same bytes.
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

    public static byte[] Serialize(CountyRef county, IEnumerable<CountyEntry> entries)
    {
        var ordered = entries.OrderBy(e => e.Source.Id, StringComparer.Ordinal).ThenBy(e => e.Report.Index).ToList();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
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

            w.WriteStartArray("documents");
            foreach (var e in ordered)
            {
                w.WriteStartObject();
                w.WriteString("id", e.Source.Id);
                if (e.ReportCount > 1) w.WriteNumber("report", e.Report.Index);
                WriteNullable(w, "title", e.Report.Title);
                WriteNullable(w, "issuer", e.Report.Issuer);
                WriteNullable(w, "published", e.Report.Published);
                WriteNullable(w, "period", e.Report.Period);
                w.WriteString("format", e.Source.Format);
                w.WriteString("sha256", e.Source.Sha256);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("indicators");
            foreach (var e in ordered)
                foreach (var m in e.Mentions.OrderBy(m => m.SpanStart).ThenBy(m => m.Indicator, StringComparer.Ordinal))
                    WriteMention(w, m);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

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
        if (m.Page is int page) w.WriteNumber("page", page);
        w.WriteString("sentence", m.Sentence);
        w.WriteStartArray("span");
        w.WriteNumberValue(m.SpanStart);
        w.WriteNumberValue(m.SpanEnd);
        w.WriteEndArray();
        w.WriteString("method", m.Method);
        WriteValue(w, "confidence", Math.Round(m.Confidence, 4));
        w.WriteEndObject();
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
