namespace ReportMiner.Ingest;

/// <summary>
/// Reads scanned pages given as image files — PNG, JPEG, TIFF (every page of a multi-page TIFF) —
/// by OCR (<see cref="TesseractOcr"/>). The document's format is <c>png</c>, <c>jpeg</c> or
/// <c>tiff</c>; its text carries a confidence per character (<see cref="SourceDocument.OcrConfidence"/>)
/// and a region per page. With <c>ingest.ocr: off</c>, or without Tesseract, the file fails with
/// the reason and the batch goes on. Stateless and thread-safe.
/// </summary>
public sealed class ImageReportReader : IReportReader
{
    public string Format => "image";

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> TiffLittle => [0x49, 0x49, 0x2A, 0x00];
    private static ReadOnlySpan<byte> TiffBig => [0x4D, 0x4D, 0x00, 0x2A];

    /// <summary>The image format these bytes are (<c>png</c>, <c>jpeg</c>, <c>tiff</c>), or null.</summary>
    public static string? Kind(ReadOnlySpan<byte> head)
        => head.StartsWith(Png) ? "png" : head.StartsWith(Jpeg) ? "jpeg" : head.StartsWith(TiffLittle) || head.StartsWith(TiffBig) ? "tiff" : null;

    private static string? KindOfExtension(string extension) => extension switch
    {
        ".png" => "png",
        ".jpg" or ".jpeg" => "jpeg",
        ".tif" or ".tiff" => "tiff",
        _ => null,
    };

    public ReaderMatch Match(ReadOnlySpan<byte> head, string extension)
    {
        if (Kind(head) is not null) return ReaderMatch.Content;
        return KindOfExtension(extension) is not null ? ReaderMatch.Extension : ReaderMatch.No;
    }

    public IngestResult Read(string id, ReadOnlyMemory<byte> bytes, IngestOptions options)
    {
        var kind = Kind(bytes.Span) ?? KindOfExtension(Path.GetExtension(id).ToLowerInvariant()) ?? "image";
        if (Kind(bytes.Span) is null)
            return IngestResult.Fail(id, kind, $"not a {kind.ToUpperInvariant()} image: its first bytes are not the format's signature");
        if (options.Ocr == OcrMode.Off)
            return IngestResult.Fail(id, kind, "an image holds no text layer and OCR is off (ingest.ocr: off)");
        var ocr = TesseractOcr.RecognizeImage(bytes, options, TesseractOcr.DeadlineFor(options));
        if (ocr.Error is { } error) return IngestResult.Fail(id, kind, error);
        var pages = ocr.Pages!;
        if (pages.Count > options.MaxPages)
            return IngestResult.Fail(id, kind, $"the image has {pages.Count} pages, over the limit of {options.MaxPages} (ingest.max_pages)");
        var text = OcrText.Build(pages);
        if (text.Text.Length == 0)
            return IngestResult.Fail(id, kind, $"OCR found no text in the image ({(pages.Count == 1 ? "1 page" : $"{pages.Count} pages")})");
        return IngestResult.Ok(new SourceDocument
        {
            Id = id,
            Format = kind,
            Text = text.Text,
            Sha256 = Hashing.Sha256Hex(bytes.Span),
            Regions = text.Regions,
            OcrConfidence = new OcrConfidenceMap(text.Confidence),
        });
    }
}
