namespace ReportMiner.Ingest;

/// <summary>
/// The text of one source file as a reader recovered it, before normalisation, with a map
/// from text offsets back to where they came from (page, paragraph, table cell).
/// </summary>
public sealed class SourceDocument
{
    /// <summary>Path of the file relative to the input root, with '/' separators: the document id.</summary>
    public required string Id { get; init; }

    /// <summary>Format the content was read as: <c>txt</c>, <c>pdf</c>, <c>docx</c>, <c>doc</c>, <c>wps</c>.</summary>
    public required string Format { get; init; }

    /// <summary>The recovered text with '\n' line breaks.</summary>
    public required string Text { get; init; }

    /// <summary>Lowercase hex SHA-256 of the file's bytes.</summary>
    public required string Sha256 { get; init; }

    /// <summary>
    /// Regions of <see cref="Text"/> in order and without overlap. Empty for plain text.
    /// A region tells the page (PDF), the locator (DOCX paragraph or table cell) and, for a
    /// table cell, the unit that its column/row header or the table caption gives.
    /// </summary>
    public IReadOnlyList<SourceRegion> Regions { get; init; } = [];

    /// <summary>Encoding the bytes were decoded with, for txt (e.g. <c>utf-8</c>, <c>gb18030</c>).</summary>
    public string? Encoding { get; init; }

    /// <summary>
    /// For text read by OCR (images, scanned PDF pages): the OCR confidence of each character of
    /// <see cref="Text"/>, <see cref="OcrConfidenceMap.None"/> where a character is not from OCR; null when nothing was OCRed.
    /// </summary>
    public OcrConfidenceMap? OcrConfidence { get; init; }

    /// <summary>True when some of the text was read by OCR.</summary>
    public bool Ocr => OcrConfidence is not null;

    /// <summary>
    /// For txt: the file's characters exactly as decoded (line breaks as in the file) and the
    /// map from <see cref="Text"/> back to them; null for the other formats.
    /// </summary>
    public DecodedText? Decoded { get; init; }

    /// <summary>
    /// Where <c>[start, end)</c> of <see cref="Text"/> stands in the source as its reader decoded
    /// it (see <see cref="SourceSpan"/>): for txt, code points of the decoded file; for DOCX
    /// (and .doc/.wps), code points inside the paragraph or table cell that holds
    /// <paramref name="start"/>; for PDF the page alone.
    /// </summary>
    public SourceSpan Locate(int start, int end)
    {
        if (Decoded is { } decoded)
        {
            int ds = decoded.ToDecoded(start), de = decoded.ToDecoded(end);
            return new SourceSpan(decoded.Text[ds..de], decoded.CodePoint(ds), decoded.CodePoint(de), null, null);
        }
        var raw = Text[start..end];
        var region = RegionAt(start);
        if (region is null) return new SourceSpan(raw, null, null, null, null);
        if (region.Locator is null) return new SourceSpan(raw, null, null, null, region.Page);
        int rs = CodePoints(Text.AsSpan(region.Start, start - region.Start));
        return new SourceSpan(raw, rs, rs + CodePoints(raw), region.Locator, region.Page);
    }

    private static int CodePoints(ReadOnlySpan<char> s)
    {
        int n = s.Length;
        for (int i = 1; i < s.Length; i++)
            if (char.IsLowSurrogate(s[i]) && char.IsHighSurrogate(s[i - 1])) n--;
        return n;
    }

    /// <summary>The region holding <paramref name="offset"/>, or null.</summary>
    public SourceRegion? RegionAt(int offset)
    {
        var regions = Regions;
        int lo = 0, hi = regions.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var r = regions[mid];
            if (offset < r.Start) hi = mid - 1;
            else if (offset >= r.Start + r.Length) lo = mid + 1;
            else return r;
        }
        return null;
    }
}

/// <summary>Where a stretch of a document's text stands in its source (<see cref="SourceDocument.Locate"/>).</summary>
/// <param name="Raw">The source's characters over the span, as written (for txt with CRLF line breaks, the CRs included).</param>
/// <param name="Start">Start in code points: of the decoded txt file, or of the DOCX paragraph/cell <paramref name="Locator"/>; null for PDF.</param>
/// <param name="End">End (exclusive), as <paramref name="Start"/>.</param>
/// <param name="Locator">The DOCX paragraph (<c>p12</c>, a text box <c>p12/x1</c>) or table cell (<c>t1/r2/c3</c>); null otherwise.</param>
/// <param name="Page">The PDF page, 1-based; null otherwise.</param>
public readonly record struct SourceSpan(string Raw, int? Start, int? End, string? Locator, int? Page);

/// <summary>A stretch of a <see cref="SourceDocument"/>'s text and where it came from.</summary>
/// <param name="Start">Offset in <see cref="SourceDocument.Text"/>.</param>
/// <param name="Length">Length in UTF-16 code units.</param>
/// <param name="Page">1-based page number (PDF), else null.</param>
/// <param name="Locator">Format-specific place, e.g. <c>p12</c> or <c>t1/r2/c3</c>.</param>
/// <param name="ImpliedUnit">Unit a table header or caption gives to bare numbers here (e.g. <c>万元</c>, <c>%</c>, <c>家</c>).</param>
/// <param name="ColumnHeader">For a table cell: the text of its column's header (e.g. <c>2024年上半年</c>), which may give the period.</param>
public sealed record SourceRegion(int Start, int Length, int? Page, string? Locator = null, string? ImpliedUnit = null, string? ColumnHeader = null);
