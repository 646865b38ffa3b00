using System.Text.Json;
using ReportMiner.Output;

namespace ReportMiner.Export;

/// <summary>A county of an output folder (the <c>county</c> object of its JSON file).</summary>
public sealed record CountyRow(string Key, string? Name, string? Code, string? Province, string? City, IReadOnlyList<string> Candidates);

/// <summary>A document (or one report of a multi-report file) listed in a county file.</summary>
public sealed record DocumentRow(string CountyKey, string Id, int? Report, string? Title, string? Issuer, string? Published, string? Period, string Format, string Sha256, bool Ocr = false)
{
    /// <summary>The earlier file with the same bytes, when this one is a copy of it.</summary>
    public string? DuplicateOf { get; init; }

    public static DocumentRow Of(string countyKey, Output.CountyDocument d)
        => new(countyKey, d.Id, d.Report, d.Title, d.Issuer, d.Published, d.Period, d.Format, d.Sha256, d.Ocr) { DuplicateOf = d.DuplicateOf };
}

/// <summary>One line of <c>errors.jsonl</c>: a file that could not be mined.</summary>
public sealed record ErrorRow(string Document, string Stage, string Reason);

/// <summary>One mention with its county: a row of the long table.</summary>
public sealed record MentionRow(
    CountyRow County, string Indicator, string Status, string? Qualifier, string? Scope, double Value, string Unit, string Raw,
    bool Approximate, string? Bound, string? Period, string Document, int? Page, string Sentence, int SpanStart, int SpanEnd,
    string Method, double Confidence, bool Ocr = false, double? OcrConfidence = null, bool OcrDoubtful = false)
{
    /// <summary>1-based index of the report inside the file (1 for a file of one report).</summary>
    public int Report { get; init; } = 1;
    /// <summary><c>total</c>, <c>part</c> or <c>stock</c> (<see cref="Extract.MentionRoles"/>).</summary>
    public string Role { get; init; } = Extract.MentionRoles.Total;
    /// <summary>For a part: 0-based index of the mention it breaks down among its document's and report's mentions in file order.</summary>
    public int? PartOf { get; init; }
    /// <summary><c>[start, end)</c> of <see cref="Raw"/> in the source, in code points (see <see cref="Extract.Mention.SourceStart"/>).</summary>
    public int? SourceStart { get; init; }
    public int? SourceEnd { get; init; }
    /// <summary>DOCX paragraph or table cell of the figure.</summary>
    public string? Locator { get; init; }

    public static MentionRow Of(CountyRow county, Extract.Mention m)
        => new(county, m.Indicator, m.Status, m.Qualifier, m.Scope, m.Value, m.Unit, m.Raw, m.Approximate, m.Bound, m.Period, m.Document,
            m.Page, m.Sentence, m.SpanStart, m.SpanEnd, m.Method, m.Confidence, m.Ocr, m.Ocr ? Math.Round(m.OcrConfidence ?? 0, 2) : null, m.OcrDoubtful)
        { Report = m.Report, Role = m.Role, PartOf = m.PartOf, SourceStart = m.SourceStart, SourceEnd = m.SourceEnd, Locator = m.Locator };
}

/// <summary>Everything an output folder holds: counties by key, their documents and mentions as in the county files (export feeds them in table order, see <see cref="TableFeed"/>).</summary>
public sealed record ExportData(IReadOnlyList<CountyRow> Counties, IReadOnlyList<DocumentRow> Documents, IReadOnlyList<MentionRow> Mentions, IReadOnlyList<ErrorRow> Errors);

/// <summary>
/// Reads an output folder back (<c>counties/*.json</c> and <c>errors.jsonl</c>): the one
/// source of every table export, so tables always agree with the JSON.
/// </summary>
public static class OutputReader
{
    /// <summary>Reads <paramref name="outDir"/>; throws <see cref="InvalidDataException"/> on a file that is not a county file.</summary>
    public static ExportData Read(string outDir)
    {
        var countiesDir = Path.Combine(outDir, "counties");
        if (!Directory.Exists(countiesDir)) throw new DirectoryNotFoundException($"{countiesDir}: no such folder (not the output folder of a run?)");
        var files = Directory.GetFiles(countiesDir, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        var counties = new List<CountyRow>();
        var documents = new List<DocumentRow>();
        var mentions = new List<MentionRow>();
        foreach (var file in files)
        {
            try
            {
                ReadCounty(File.ReadAllBytes(file), counties, documents, mentions);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{file}: not a county file: {ex.Message}", ex);
            }
        }
        return new ExportData(counties, documents, mentions, ReadErrors(Path.Combine(outDir, "errors.jsonl")));
    }

    private static void ReadCounty(byte[] json, List<CountyRow> counties, List<DocumentRow> documents, List<MentionRow> mentions)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (Str(root, "schema") != CountyFileWriter.Schema) throw new FormatException($"schema is not {CountyFileWriter.Schema}");
        var c = root.GetProperty("county");
        var candidates = c.TryGetProperty("candidates", out var cand) ? cand.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
        var county = new CountyRow(c.GetProperty("key").GetString()!, Str(c, "name"), Str(c, "code"), Str(c, "province"), Str(c, "city"), candidates);
        counties.Add(county);
        foreach (var d in root.GetProperty("documents").EnumerateArray())
        {
            documents.Add(new DocumentRow(county.Key, d.GetProperty("id").GetString()!, d.TryGetProperty("report", out var r) ? r.GetInt32() : null,
                Str(d, "title"), Str(d, "issuer"), Str(d, "published"), Str(d, "period"), d.GetProperty("format").GetString()!, d.GetProperty("sha256").GetString()!,
                Bool(d, "ocr"))
            { DuplicateOf = Str(d, "duplicate_of") });
        }
        foreach (var m in root.GetProperty("indicators").EnumerateArray())
        {
            var span = m.TryGetProperty("normalised_span", out var ns) ? ns : m.GetProperty("span");
            var source = m.TryGetProperty("source_span", out var ss) ? ss : (JsonElement?)null;
            mentions.Add(new MentionRow(county,
                m.GetProperty("indicator").GetString()!, m.GetProperty("status").GetString()!, Str(m, "qualifier"), Str(m, "scope"),
                m.GetProperty("value").GetDouble(), m.GetProperty("unit").GetString()!, m.GetProperty("raw").GetString()!,
                m.GetProperty("approximate").GetBoolean(), Str(m, "bound"), Str(m, "period"), m.GetProperty("document").GetString()!,
                m.TryGetProperty("page", out var page) ? page.GetInt32() : null, m.GetProperty("sentence").GetString()!,
                span[0].GetInt32(), span[1].GetInt32(), m.GetProperty("method").GetString()!, m.GetProperty("confidence").GetDouble(),
                Bool(m, "ocr"), m.TryGetProperty("ocr_confidence", out var oc) ? oc.GetDouble() : null, Bool(m, "ocr_doubtful"))
            {
                Report = m.TryGetProperty("report", out var report) ? report.GetInt32() : 1,
                Role = Str(m, "role") ?? Extract.MentionRoles.Total,
                PartOf = m.TryGetProperty("part_of", out var partOf) ? partOf.GetInt32() : null,
                SourceStart = source?[0].GetInt32(),
                SourceEnd = source?[1].GetInt32(),
                Locator = Str(m, "locator"),
            });
        }
    }

    private static List<ErrorRow> ReadErrors(string path)
    {
        var errors = new List<ErrorRow>();
        if (!File.Exists(path)) return errors;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            errors.Add(new ErrorRow(Str(e, "document") ?? "", Str(e, "stage") ?? "", Str(e, "reason") ?? ""));
        }
        return errors;
    }

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string? Str(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
