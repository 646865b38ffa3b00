using ReportMiner.Output;

namespace ReportMiner.Export;

/// <summary>A cell of an exported table: text, a number, or empty.</summary>
public readonly record struct Cell(string? Text, double? Number)
{
    public static readonly Cell Empty = new(null, null);
    public static Cell Of(string? text) => text is null ? Empty : new(text, null);
    public static Cell Of(double? number) => number is double d ? new(null, d) : Empty;
    public static Cell Of(bool value) => new(value ? "true" : "false", null);

    /// <summary>The cell as CSV shows it: numbers culture-invariant, whole numbers without a fraction.</summary>
    public string Format() => Number is double d ? CountyFileWriter.FormatValue(d) : Text ?? "";
}

/// <summary>The long table (one row per mention) and the documents table, shared by every format.</summary>
public static class MentionTable
{
    public static readonly string[] Headers =
    [
        "county_key", "county_name", "county_code", "province", "city", "indicator", "status", "qualifier", "scope", "value", "unit",
        "raw", "approximate", "bound", "period", "document", "page", "sentence", "method", "confidence",
    ];

    public static Cell[] Row(MentionRow m) =>
    [
        Cell.Of(m.County.Key), Cell.Of(m.County.Name), Cell.Of(m.County.Code), Cell.Of(m.County.Province), Cell.Of(m.County.City),
        Cell.Of(m.Indicator), Cell.Of(m.Status), Cell.Of(m.Qualifier), Cell.Of(m.Scope), Cell.Of(m.Value), Cell.Of(m.Unit),
        Cell.Of(m.Raw), Cell.Of(m.Approximate), Cell.Of(m.Bound), Cell.Of(m.Period), Cell.Of(m.Document), Cell.Of(m.Page),
        Cell.Of(m.Sentence), Cell.Of(m.Method), Cell.Of(Math.Round(m.Confidence, 4)),
    ];

    public static readonly string[] DocumentHeaders =
    [
        "document", "report", "status", "county_key", "title", "issuer", "published", "period", "format", "sha256", "error_stage", "error_reason",
    ];

    /// <summary>Documents that were mined, then files that failed (errors.jsonl), each group by id.</summary>
    public static IEnumerable<Cell[]> DocumentRows(ExportData data)
    {
        foreach (var d in data.Documents.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Report ?? 1))
        {
            yield return
            [
                Cell.Of(d.Id), Cell.Of(d.Report ?? 1), Cell.Of("ok"), Cell.Of(d.CountyKey), Cell.Of(d.Title), Cell.Of(d.Issuer),
                Cell.Of(d.Published), Cell.Of(d.Period), Cell.Of(d.Format), Cell.Of(d.Sha256), Cell.Empty, Cell.Empty,
            ];
        }
        foreach (var e in data.Errors.OrderBy(e => e.Document, StringComparer.Ordinal))
        {
            yield return
            [
                Cell.Of(e.Document), Cell.Empty, Cell.Of("error"), Cell.Empty, Cell.Empty, Cell.Empty, Cell.Empty, Cell.Empty, Cell.Empty,
                Cell.Empty, Cell.Of(e.Stage), Cell.Of(e.Reason),
            ];
        }
    }

    public static readonly string[] PivotHeaders =
    [
        "county_key", "county_name", "indicator", "qualifier", "unit", "period", "actual", "actual_mentions", "target", "target_mentions",
    ];

    /// <summary>
    /// County × indicator (× qualifier) × period with actual and target apart. Where several
    /// mentions share a cell, the largest value is shown and the count says how many there were.
    /// </summary>
    public static IEnumerable<Cell[]> PivotRows(ExportData data)
    {
        var groups = data.Mentions
            .GroupBy(m => (m.County.Key, m.Indicator, Qualifier: m.Qualifier ?? "", Period: m.Period ?? ""))
            .OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Indicator, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Qualifier, StringComparer.Ordinal).ThenBy(g => g.Key.Period, StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var first = g.First();
            var actual = g.Where(m => m.Status == "actual").ToList();
            var target = g.Where(m => m.Status == "target").ToList();
            yield return
            [
                Cell.Of(g.Key.Key), Cell.Of(first.County.Name), Cell.Of(g.Key.Indicator), Cell.Of(first.Qualifier), Cell.Of(first.Unit),
                Cell.Of(first.Period), actual.Count > 0 ? Cell.Of(actual.Max(m => m.Value)) : Cell.Empty, Cell.Of(actual.Count),
                target.Count > 0 ? Cell.Of(target.Max(m => m.Value)) : Cell.Empty, Cell.Of(target.Count),
            ];
        }
    }
}
