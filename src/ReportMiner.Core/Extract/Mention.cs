namespace ReportMiner.Extract;

/// <summary>One extracted indicator figure, as the output contract describes it.</summary>
public sealed record Mention
{
    public required string Indicator { get; init; }
    /// <summary>Value in the indicator's unit (yuan, count, persons, percent).</summary>
    public required double Value { get; init; }
    /// <summary><c>CNY</c>, <c>count</c>, <c>persons</c> or <c>percent</c>.</summary>
    public required string Unit { get; init; }
    /// <summary>The source text the value came from, as written: the source's characters over <see cref="SourceStart"/>..<see cref="SourceEnd"/> (before full-width → half-width or any other normalisation).</summary>
    public required string Raw { get; init; }
    public bool Approximate { get; init; }
    public string? Bound { get; init; }
    /// <summary><c>actual</c> or <c>target</c>.</summary>
    public required string Status { get; init; }
    public string? Qualifier { get; init; }
    public string? Period { get; init; }
    public string? Scope { get; init; }
    public required string Document { get; init; }
    /// <summary>1-based index of the report inside the file.</summary>
    public int Report { get; init; } = 1;
    public int? Page { get; init; }
    public required string Sentence { get; init; }
    /// <summary><c>[start, end)</c> of the figure in the document's normalised text (UTF-16 units; <c>normalised_span</c>, v1's <c>span</c>).</summary>
    public required int SpanStart { get; init; }
    public required int SpanEnd { get; init; }
    /// <summary>
    /// <c>[start, end)</c> of <see cref="Raw"/> in the source as its reader decoded it, in code points: of the
    /// txt file's decoded text, or of the DOCX paragraph/cell <see cref="Locator"/>; null for PDF (see <see cref="Page"/>).
    /// </summary>
    public int? SourceStart { get; init; }
    public int? SourceEnd { get; init; }
    /// <summary>DOCX (.doc, .wps) paragraph <c>p12</c> or table cell <c>t1/r2/c3</c> holding the figure; null for txt and PDF.</summary>
    public string? Locator { get; init; }
    public string Method { get; init; } = "rule";
    /// <summary>How sure the pipeline is; for a figure read by OCR, times <see cref="OcrConfidence"/>.</summary>
    public double Confidence { get; init; } = 1;
    /// <summary>
    /// <c>total</c> (a figure for the whole), <c>part</c> (a breakdown of another mention: 其中…,
    /// a parenthesis, a sub-row) or <c>stock</c> (a cumulative count: 累计, 共有, 现有 … from
    /// <c>extraction.cues.stock</c>). See <see cref="MentionRoles"/>.
    /// </summary>
    public string Role { get; init; } = MentionRoles.Total;
    /// <summary>For a part: 0-based index of the mention it breaks down among the mentions of the same document and report, in file order; null when that figure was not kept.</summary>
    public int? PartOf { get; init; }
    /// <summary>True when the figure was read by OCR (a scanned page or an image).</summary>
    public bool Ocr { get; init; }
    /// <summary>For an OCR figure: the lowest OCR word confidence (0–1) of its digits; else null.</summary>
    public double? OcrConfidence { get; init; }
    /// <summary>For an OCR figure: true when that confidence is below <c>ingest.ocr_doubtful_below</c> — check the figure against the scan.</summary>
    public bool OcrDoubtful { get; init; }
}

/// <summary>The values of <see cref="Mention.Role"/>.</summary>
public static class MentionRoles
{
    public const string Total = "total";
    public const string Part = "part";
    public const string Stock = "stock";
}
