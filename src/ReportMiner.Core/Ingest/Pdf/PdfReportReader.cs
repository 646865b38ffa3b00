using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace ReportMiner.Ingest;

/// <summary>
/// Reads PDF reports with PdfPig (<c>UseActualText</c> on, lines in content order), then
/// <see cref="PdfTextCleaner"/>. Fails, rather than returning garbage, when the PDF has no text
/// layer (a scan), when its fonts give no usable Unicode (no ToUnicode), when it needs a password,
/// when it is damaged, or when it has more than <see cref="IngestOptions.MaxPages"/> pages.
/// Regions carry the page of every stretch of text. Pages are read, cleaned and dropped one by one
/// (<see cref="PdfPageWindow"/>), so memory does not grow with the page count. Stateless and thread-safe.
/// </summary>
public sealed class PdfReportReader : IReportReader
{
    public string Format => "pdf";

    public ReaderMatch Match(ReadOnlySpan<byte> head, string extension)
    {
        if (FindHeader(head) >= 0) return ReaderMatch.Content;
        return extension == ".pdf" ? ReaderMatch.Extension : ReaderMatch.No;
    }

    /// <summary>Offset of <c>%PDF-</c> in the first 1024 bytes (the spec lets junk precede it), or -1.</summary>
    internal static int FindHeader(ReadOnlySpan<byte> bytes)
        => bytes[..Math.Min(bytes.Length, 1024)].IndexOf("%PDF-"u8);

    public IngestResult Read(string id, ReadOnlyMemory<byte> bytes, IngestOptions options)
    {
        if (FindHeader(bytes.Span) < 0)
            return IngestResult.Fail(id, Format, "not a PDF: no %PDF- header in the first 1024 bytes");
        try
        {
            return ReadPdf(id, bytes, options);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            return IngestResult.Fail(id, Format, $"the PDF is encrypted and cannot be opened without its password ({ex.Message})");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return IngestResult.Fail(id, Format, $"damaged or truncated PDF: PdfPig could not read it ({ex.GetType().Name}: {ex.Message})");
        }
    }

    private IngestResult ReadPdf(string id, ReadOnlyMemory<byte> bytes, IngestOptions options)
    {
        if (PdfStreamGuard.Check(bytes.Span, options.MaxDecompressedBytes, options.MaxStreamOperators) is { } bomb)
            return IngestResult.Fail(id, Format, bomb);
        using var document = PdfDocument.Open(bytes, new ParsingOptions { UseActualText = true, SkipMissingFonts = true });
        if (document.IsEncrypted && !CanReadContent(document))
            return IngestResult.Fail(id, Format, "the PDF is encrypted and cannot be opened without its password");
        int pageCount = document.NumberOfPages;
        if (pageCount > options.MaxPages)
            return IngestResult.Fail(id, Format, $"the PDF has {pageCount} pages, over the limit of {options.MaxPages} (ingest.max_pages)");
        if (pageCount == 0)
            return IngestResult.Fail(id, Format, "the PDF has no pages");

        // Page by page: each page's letters become lines, go into the cleaner (which holds a window
        // of pages) and are dropped; PdfPig's font cache is emptied now and then (PdfPigFontCache).
        var stream = new PdfPageWindow(pageCount);
        var fonts = PdfPigFontCache.Of(document);
        var ocrPages = new Dictionary<int, int>();
        int glyphs = 0, imagePages = 0;
        for (int n = 1; n <= pageCount; n++)
        {
            var page = document.GetPage(n);
            var lines = PdfLineExtractor.Extract(page);
            int pageGlyphs = 0;
            foreach (var line in lines)
                foreach (var c in line.Text) if (!char.IsWhiteSpace(c)) pageGlyphs++;
            if (pageGlyphs == 0 && page.NumberOfImages > 0) imagePages++;
            glyphs += pageGlyphs;
            // OCR hook: a scanned page, or one whose fonts give no usable text, is read by OCR (ingest.ocr);
            // it goes into the window without lines, and its OCR text is put in its place afterwards.
            bool ocr = PdfOcr.NeedsOcr(lines, page.NumberOfImages, options);
            if (ocr) ocrPages[n] = PdfOcr.RenderDpi(page, options);
            stream.Add(new PdfPageLines(n, ocr ? [] : lines, page.Height));
            if (n % PdfPigFontCache.TrimEveryPages == 0) fonts?.TrimIfLarge();
        }
        if (ocrPages.Count > 0) return PdfOcr.Read(id, Format, bytes, stream.Finish(), ocrPages, options);

        if (glyphs == 0)
        {
            return IngestResult.Fail(id, Format, imagePages > 0
                ? $"no text layer: the PDF ({Pages(pageCount)}) holds only images, no text (a scanned document?); OCR is off (ingest.ocr: off), so no text can be extracted"
                : $"no text: the PDF ({Pages(pageCount)}) contains neither text nor images");
        }

        var cleaned = stream.Finish();
        var (share, counted) = TextPlausibility.Measure(cleaned.Text);
        if (counted > 0 && share < TextPlausibility.MinShare)
        {
            return IngestResult.Fail(id, Format, string.Create(CultureInfo.InvariantCulture,
                $"the text layer is not usable: {1 - share:P0} of {counted} characters are control or implausible characters, so the fonts have no usable ToUnicode map (the text would need OCR, which is off: ingest.ocr)"));
        }

        return IngestResult.Ok(new SourceDocument
        {
            Id = id,
            Format = Format,
            Text = cleaned.Text,
            Sha256 = Hashing.Sha256Hex(bytes.Span),
            Regions = cleaned.Regions,
        });
    }

    private static string Pages(int n) => n == 1 ? "1 page" : $"{n} pages";

    /// <summary>PdfPig opens documents encrypted with an empty user password; this checks the content really decrypts.</summary>
    private static bool CanReadContent(PdfDocument document)
    {
        try { _ = document.GetPage(1).Letters.Count; return true; }
        catch (PdfDocumentEncryptedException) { return false; }
    }
}
