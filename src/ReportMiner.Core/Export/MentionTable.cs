using ReportMiner.Extract;
using ReportMiner.Output;

namespace ReportMiner.Export;

/// <summary>What a text cell holds, for formats with types (XLSX): plain text, a boolean or a date.</summary>
public enum CellKind
{
    Text,
    Boolean,
    /// <summary>A calendar date written <c>yyyy-MM-dd</c>.</summary>
    Date,
}

/// <summary>A cell of an exported table: text, a number, or empty. Booleans and dates are text (<c>true</c>, <c>2024-08-05</c>) with a <see cref="Kind"/> that typed formats use.</summary>
public readonly record struct Cell(string? Text, double? Number, CellKind Kind = CellKind.Text)
{
    public static readonly Cell Empty = new(null, null);
    public static Cell Of(string? text) => text is null ? Empty : new(text, null);
    public static Cell Of(double? number) => number is double d ? new(null, d) : Empty;
    public static Cell Of(bool value) => new(value ? "true" : "false", null, CellKind.Boolean);

    /// <summary>A <c>yyyy-MM-dd</c> date; anything else stays text.</summary>
    public static Cell Date(string? date) => date is null ? Empty
        : DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _) ? new(date, null, CellKind.Date) : new(date, null);

    /// <summary>The cell as CSV shows it: numbers culture-invariant, whole numbers without a fraction.</summary>
    public string Format() => Number is double d ? CountyFileWriter.FormatValue(d) : Text ?? "";
}

/// <summary>The long table (one row per mention) and the documents table, shared by every format.</summary>
public static class MentionTable
{
    public static readonly string[] Headers =
    [
        "county_key", "county_name", "county_code", "province", "city", "indicator", "status", "qualifier", "scope", "value", "unit",
        "raw", "approximate", "bound", "period", "document", "report", "page", "locator", "source_start", "source_end", "sentence", "method",
        "confidence", "id", "role", "part_of", "ocr", "ocr_confidence", "ocr_doubtful",
    ];

    /// <param name="m">The mention.</param>
    /// <param name="id">Its number in table order (<c>mentions.id</c> in SQLite).</param>
    /// <param name="partOf">For a part, the id of the mention it breaks down (<see cref="PanelCollector"/>).</param>
    public static Cell[] Row(MentionRow m, long id, long? partOf) =>
    [
        Cell.Of(m.County.Key), Cell.Of(m.County.Name), Cell.Of(m.County.Code), Cell.Of(m.County.Province), Cell.Of(m.County.City),
        Cell.Of(m.Indicator), Cell.Of(m.Status), Cell.Of(m.Qualifier), Cell.Of(m.Scope), Cell.Of(m.Value), Cell.Of(m.Unit),
        Cell.Of(m.Raw), Cell.Of(m.Approximate), Cell.Of(m.Bound), Cell.Of(m.Period), Cell.Of(m.Document), Cell.Of(m.Report), Cell.Of(m.Page),
        Cell.Of(m.Locator), Cell.Of(m.SourceStart), Cell.Of(m.SourceEnd), Cell.Of(m.Sentence), Cell.Of(m.Method), Cell.Of(Math.Round(m.Confidence, 4)),
        Cell.Of(id), Cell.Of(m.Role), Cell.Of(partOf), Cell.Of(m.Ocr), Cell.Of(m.OcrConfidence), Cell.Of(m.OcrDoubtful),
    ];

    public static readonly string[] DocumentHeaders =
    [
        "document", "report", "status", "county_key", "title", "issuer", "published", "period", "format", "sha256", "duplicate_of", "error_stage", "error_reason", "ocr",
    ];

    public static Cell[] DocumentCells(DocumentRow d) =>
    [
        Cell.Of(d.Id), Cell.Of(d.Report ?? 1), Cell.Of(d.DuplicateOf is null ? "ok" : "duplicate"), Cell.Of(d.CountyKey), Cell.Of(d.Title), Cell.Of(d.Issuer),
        Cell.Date(d.Published), Cell.Of(d.Period), Cell.Of(d.Format), Cell.Of(d.Sha256), Cell.Of(d.DuplicateOf), Cell.Empty, Cell.Empty, Cell.Of(d.Ocr),
    ];

    public static Cell[] ErrorCells(ErrorRow e) =>
    [
        Cell.Of(e.Document), Cell.Empty, Cell.Of("error"), Cell.Empty, Cell.Empty, Cell.Empty, Cell.Empty, Cell.Empty, Cell.Empty,
        Cell.Empty, Cell.Empty, Cell.Of(e.Stage), Cell.Of(e.Reason), Cell.Empty,
    ];

    public static readonly string[] PivotHeaders =
    [
        "county_key", "county_name", "indicator", "qualifier", "unit", "period", "actual", "actual_mentions", "target", "target_mentions",
    ];
}

/// <summary>
/// County × indicator (× qualifier) × period with actual and target apart, built from mentions
/// as they stream past. Where several mentions share a cell, the largest value is shown and
/// the count says how many there were; name, qualifier and unit come from the cell's first
/// mention. Holds one entry per cell, never the mentions.
/// </summary>
public sealed class PivotTable
{
    private readonly Dictionary<(string County, string Indicator, string Qualifier, string Period), Entry> _cells = [];

    public void Add(MentionRow m)
    {
        var key = (m.County.Key, m.Indicator, m.Qualifier ?? "", m.Period ?? "");
        if (!_cells.TryGetValue(key, out var e)) _cells[key] = e = new Entry(m.County.Name, m.Qualifier, m.Unit, m.Period);
        if (m.Status == MentionStatuses.Actual) { e.ActualCount++; e.Actual = Math.Max(e.Actual, m.Value); }
        else if (m.Status == MentionStatuses.Target) { e.TargetCount++; e.Target = Math.Max(e.Target, m.Value); }
    }

    /// <summary>The rows, by county key, indicator, qualifier and period (ordinal).</summary>
    public IEnumerable<Cell[]> Rows()
    {
        var keys = _cells.Keys.ToList();
        keys.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.County, b.County);
            if (c == 0) c = string.CompareOrdinal(a.Indicator, b.Indicator);
            if (c == 0) c = string.CompareOrdinal(a.Qualifier, b.Qualifier);
            return c != 0 ? c : string.CompareOrdinal(a.Period, b.Period);
        });
        foreach (var key in keys)
        {
            var e = _cells[key];
            yield return
            [
                Cell.Of(key.County), Cell.Of(e.Name), Cell.Of(key.Indicator), Cell.Of(e.Qualifier), Cell.Of(e.Unit), Cell.Of(e.Period),
                e.ActualCount > 0 ? Cell.Of(e.Actual) : Cell.Empty, Cell.Of(e.ActualCount),
                e.TargetCount > 0 ? Cell.Of(e.Target) : Cell.Empty, Cell.Of(e.TargetCount),
            ];
        }
    }

    private sealed class Entry(string? name, string? qualifier, string unit, string? period)
    {
        public string? Name { get; } = name;
        public string? Qualifier { get; } = qualifier;
        public string Unit { get; } = unit;
        public string? Period { get; } = period;
        public double Actual { get; set; } = double.MinValue;
        public double Target { get; set; } = double.MinValue;
        public int ActualCount { get; set; }
        public int TargetCount { get; set; }
    }
}
