using System.Text;
using System.Text.Json;
using ReportMiner.Export;
using ReportMiner.Ingest;
using ReportMiner.Output;

namespace ReportMiner.Pipeline;

/// <summary>
/// Feeds one mined file's results to the outputs of a batch, in input order: the county spool,
/// the table writers, and (at the end) <c>errors.jsonl</c>.
/// </summary>
internal static class OutputFeed
{
    /// <summary>Adds one mined file to the county spool and the tables; returns its reports and mentions.</summary>
    public static (int Reports, int Mentions) Add(CachedDocument doc, CountySpool spool, Dictionary<string, CountyRow> countyRows, IReadOnlyList<ITableWriter> tables)
    {
        var documentRows = new List<DocumentRow>(doc.Reports.Count);
        var mentionRows = new List<MentionRow>();
        foreach (var r in doc.Reports)
        {
            var key = CountyKey.Sanitize(r.County.Key);
            var county = r.County with { Key = key };
            if (!countyRows.TryGetValue(key, out var row))
                countyRows[key] = row = new CountyRow(key, county.Name, county.Code, county.Province, county.City, county.Candidates ?? []);
            var document = CountyDocument.Of(doc.Id, doc.Format, doc.Sha256, r.Report, doc.Reports.Count, doc.Ocr);
            var ordered = CountyFileWriter.InFileOrder(r.Mentions).ToList();
            spool.Add(county, document, ordered);
            documentRows.Add(DocumentRow.Of(key, document));
            foreach (var m in ordered) mentionRows.Add(MentionRow.Of(row, m));
        }
        // The tables list a file's mentions by position across its reports (county files list them per report;
        // with one report the two orders are the same).
        IEnumerable<MentionRow> byPosition = doc.Reports.Count <= 1 ? mentionRows
            : mentionRows.OrderBy(m => m.SpanStart).ThenBy(m => m.Indicator, StringComparer.Ordinal);
        TableFeed.File(tables, documentRows, byPosition, null);
        return (doc.Reports.Count, mentionRows.Count);
    }

    /// <summary>
    /// Lists <paramref name="id"/>, a byte-identical copy of <paramref name="original"/>, beside it: in each
    /// county the original's reports went to, a document with <c>duplicate_of</c> and no mentions of its own.
    /// </summary>
    public static void AddDuplicate(string id, CachedDocument original, CountySpool spool, IReadOnlyList<ITableWriter> tables)
    {
        var documentRows = new List<DocumentRow>(original.Reports.Count);
        foreach (var r in original.Reports)
        {
            var key = CountyKey.Sanitize(r.County.Key);
            var document = CountyDocument.Of(id, original.Format, original.Sha256, r.Report, original.Reports.Count) with { DuplicateOf = original.Id };
            spool.Add(r.County with { Key = key }, document, []);
            documentRows.Add(DocumentRow.Of(key, document));
        }
        TableFeed.File(tables, documentRows, [], null);
    }

    public static byte[] ErrorsJsonl(IEnumerable<IngestError> errors)
    {
        var sb = new StringBuilder();
        foreach (var e in errors.OrderBy(e => e.Document, StringComparer.Ordinal))
        {
            sb.Append(JsonSerializer.Serialize(new Dictionary<string, string> { ["document"] = e.Document, ["stage"] = e.Stage, ["reason"] = e.Reason }, JsonOptions));
            sb.Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
