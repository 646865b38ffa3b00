using ReportMiner.Extract;

namespace ReportMiner.Review;

/// <summary>
/// The review workbook's sheets, columns and closed value sets, shared by the writer and
/// <c>--apply</c>. <c>--apply</c> finds columns by their header, so analysts may reorder or add
/// columns, but not rename sheets or the headers it reads.
/// </summary>
public static class ReviewLayout
{
    public const string MentionsSheet = "mentions", MissedSheet = "missed", ListsSheet = "lists", SourcesSheet = "sources";

    /// <summary>The mentions sheet: the pipeline's reading, then the analyst's verdict and corrections.</summary>
    public static readonly string[] MentionHeaders =
    [
        "sentence", "raw", "indicator", "value", "unit", "status", "qualifier", "period", "scope", "confidence", "document", "source_start", "source_end",
        "verdict", "correct_indicator", "correct_status", "correct_qualifier", "correct_period", "correct_raw", "correct_value", "note",
    ];

    /// <summary>Columns of the mentions sheet that <c>--apply</c> reads (the rest are there to read).</summary>
    public static readonly string[] MentionHeadersRead =
    [
        "raw", "indicator", "value", "status", "qualifier", "period", "document", "source_start", "source_end",
        "verdict", "correct_indicator", "correct_status", "correct_qualifier", "correct_period", "correct_raw", "correct_value", "note",
    ];

    /// <summary>The correction columns: filled only with a <c>wrong …</c> verdict.</summary>
    public static readonly string[] CorrectionHeaders = ["correct_indicator", "correct_status", "correct_qualifier", "correct_period", "correct_raw", "correct_value"];

    /// <summary>The missed sheet: figures the pipeline did not find, one per row, typed by the analyst.</summary>
    public static readonly string[] MissedHeaders = ["document", "raw", "context", "indicator", "status", "qualifier", "period", "value", "note"];

    /// <summary>The sources sheet (hidden): the documents of the run, their SHA-256 and where the file was.</summary>
    public static readonly string[] SourceHeaders = ["document", "sha256", "path"];

    public const string Ok = "ok", WrongIndicator = "wrong indicator", WrongStatus = "wrong status", WrongValue = "wrong value", WrongPeriod = "wrong period", NotAFigure = "not a figure";

    public static readonly string[] Verdicts = [Ok, WrongIndicator, WrongStatus, WrongValue, WrongPeriod, NotAFigure];

    public static readonly string[] Statuses = ["actual", "target"];

    /// <summary>Written in a qualifier or period correction to mean "none" (an empty cell means "no correction").</summary>
    public const string None = "none";

    /// <summary>Rows of the missed sheet that carry drop-downs (room for the analyst's additions).</summary>
    public const int MissedRows = 500;

    /// <summary>
    /// The qualifiers an indicator may carry, as pipeline.yaml gives them: the shared qualifier
    /// cues for an indicator with <c>qualifiers: true</c>, and its own <c>qualifier_cues</c>.
    /// </summary>
    public static IReadOnlyList<string> QualifiersOf(IndicatorRule rule, ExtractionOptions extraction)
        => [.. (rule.Qualifiers ? extraction.Cues.Qualifier.Keys : Enumerable.Empty<string>()).Concat(rule.QualifierCues.Keys).Distinct(StringComparer.Ordinal)];

    /// <summary>Every qualifier of the taxonomy, in first-seen order (the drop-down's values, then <see cref="None"/>).</summary>
    public static IReadOnlyList<string> AllQualifiers(ExtractionOptions extraction)
        => [.. extraction.Indicators.SelectMany(r => QualifiersOf(r, extraction)).Distinct(StringComparer.Ordinal), None];
}
