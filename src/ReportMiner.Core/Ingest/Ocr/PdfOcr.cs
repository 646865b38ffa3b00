using System.Text;
using UglyToad.PdfPig.Content;

namespace ReportMiner.Ingest;

/// <summary>
/// The OCR side of the PDF reader: which pages need OCR (<see cref="NeedsOcr"/>, asked page by page)
/// and the document of a PDF some of whose pages are OCRed (<see cref="Read"/>): the text-layer
/// pages go through the streaming cleaner as before (the OCRed ones go in without lines), and the
/// OCRed pages' text from <see cref="OcrText"/> is put in their places, with the OCR confidence of
/// each character.
/// </summary>
public static class PdfOcr
{
    /// <summary>Fewest non-blank characters on a page before its text layer is judged by plausibility.</summary>
    public const int MinCharactersToJudge = 10;

    /// <summary>
    /// Whether a page is read by OCR: with <c>force</c> always; with <c>auto</c> when it has images
    /// but no text (a scan) or when its text is not plausible (fonts without a usable ToUnicode map);
    /// with <c>off</c> never.
    /// </summary>
    /// <param name="text">The page's text-layer lines.</param>
    /// <param name="images">How many images the page draws.</param>
    public static bool NeedsOcr(IReadOnlyList<PdfLine> text, int images, IngestOptions options)
    {
        if (options.Ocr == OcrMode.Off) return false;
        if (options.Ocr == OcrMode.Force) return true;
        var joined = string.Join('\n', text.Select(l => l.Text));
        var (share, counted) = TextPlausibility.Measure(joined);
        if (counted == 0) return images > 0;
        return counted >= MinCharactersToJudge && share < TextPlausibility.MinShare;
    }

    /// <summary>
    /// The resolution to render a page at for OCR: <see cref="IngestOptions.OcrDpi"/>, or the page's
    /// scan resolution when that is lower (its largest image's samples over its width on the page):
    /// upsampling a 200 dpi scan adds nothing and costs Tesseract characters (measured on the fixtures).
    /// </summary>
    public static int RenderDpi(Page page, IngestOptions options)
    {
        double best = 0;
        try
        {
            foreach (var image in page.GetImages())
            {
                var inches = image.BoundingBox.Width / 72.0;
                if (inches > 1 && image.WidthInSamples > 0) best = Math.Max(best, image.WidthInSamples / inches);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return options.OcrDpi;   // an image PdfPig cannot read: poppler renders the page anyway
        }
        return best >= 70 ? Math.Min(options.OcrDpi, (int)Math.Round(best)) : options.OcrDpi;
    }

    /// <summary>
    /// The document of a PDF whose pages <paramref name="ocrPages"/> (1-based page → resolution to
    /// render it at) are OCRed: <paramref name="cleaned"/> is the cleaner's text of the other pages
    /// (the OCRed ones went in without lines), and each OCRed page's text is put in its place, before
    /// the first stretch of a later page, with its regions and the OCR confidence of each character.
    /// </summary>
    public static IngestResult Read(string id, string format, ReadOnlyMemory<byte> bytes, PdfCleanResult cleaned, IReadOnlyDictionary<int, int> ocrPages, IngestOptions options)
    {
        var ocr = TesseractOcr.RecognizePdfPages(bytes, ocrPages.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)).ToList(), options, TesseractOcr.DeadlineFor(options));
        if (ocr.Error is { } error)
            return IngestResult.Fail(id, format, $"{Pages(ocrPages.Count)} without a usable text layer need OCR, which failed: {error}");

        var text = new StringBuilder();
        var confidence = new List<byte>();
        var regions = new List<SourceRegion>();
        int taken = 0, region = 0;   // how much of the cleaned text, and of its regions, is copied
        void Add(string part, IEnumerable<SourceRegion> partRegions, IEnumerable<byte> partConfidence, int shift)
        {
            if (part.Length == 0) return;
            if (text.Length > 0 && text[^1] != '\n' && part[0] != '\n')
            {
                text.Append('\n');
                confidence.Add(OcrConfidenceMap.None);
            }
            int offset = text.Length;
            text.Append(part);
            confidence.AddRange(partConfidence);
            foreach (var r in partRegions) regions.Add(r with { Start = r.Start - shift + offset });
        }
        void CopyCleanedUpTo(int end)
        {
            var upTo = new List<SourceRegion>();
            while (region < cleaned.Regions.Count && cleaned.Regions[region].Start < end) upTo.Add(cleaned.Regions[region++]);
            Add(cleaned.Text[taken..end], upTo, Enumerable.Repeat(OcrConfidenceMap.None, end - taken), taken);
            taken = end;
        }
        foreach (var page in ocr.Pages!.OrderBy(p => p.Number))
        {
            // The cleaned text of the pages before this one: up to the first region of a later page.
            int end = cleaned.Regions.Skip(region).FirstOrDefault(r => r.Page > page.Number) is { } next ? next.Start : cleaned.Text.Length;
            CopyCleanedUpTo(Math.Max(taken, end));
            var built = OcrText.Build([page]);
            Add(built.Text, built.Regions, built.Confidence, 0);
        }
        CopyCleanedUpTo(cleaned.Text.Length);

        if (text.Length == 0 || text.ToString().All(char.IsWhiteSpace))
            return IngestResult.Fail(id, format, $"OCR found no text on the {Pages(ocrPages.Count)} without a text layer, and the PDF has no other text");
        return IngestResult.Ok(new SourceDocument
        {
            Id = id,
            Format = format,
            Text = text.ToString(),
            Sha256 = Hashing.Sha256Hex(bytes.Span),
            Regions = regions,
            OcrConfidence = new OcrConfidenceMap(confidence.ToArray()),
        });
    }

    private static string Pages(int n) => n == 1 ? "1 page" : $"{n} pages";
}
