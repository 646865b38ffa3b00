using System.Globalization;
using System.Text;

namespace ReportMiner.Ingest;

/// <summary>Pages read by OCR, or why not (one line naming the tool and what to do).</summary>
public readonly record struct OcrOutcome(IReadOnlyList<OcrPage>? Pages, string? Error)
{
    public static OcrOutcome Fail(string error) => new(null, error);
}

/// <summary>
/// OCR over the Tesseract command line: <c>tesseract stdin stdout -l LANGS --psm 3 tsv</c> with
/// <c>OMP_THREAD_LIMIT=1</c> (one thread per Tesseract; parallelism comes from running pages side
/// by side, at most <see cref="IngestOptions.OcrJobs"/> at once, see <see cref="OcrSlots"/>), and PDF
/// pages rendered by poppler's <c>pdftoppm</c> (grey PNG at <see cref="IngestOptions.OcrDpi"/>).
/// The tools are found as LibreOffice is for .doc: the path in pipeline.yaml, else on PATH; a
/// missing tool is an error naming it and its Debian package. Every run is held to what is left
/// of <see cref="IngestOptions.TimeoutSeconds"/> for the file. Thread-safe.
/// </summary>
public static class TesseractOcr
{
    public const string TesseractMissing = "tesseract not found: install the Debian package tesseract-ocr (and tesseract-ocr-chi-sim), or set ingest.tesseract in pipeline.yaml";
    public const string PdftoppmMissing = "pdftoppm not found: install the Debian package poppler-utils, or set ingest.pdftoppm in pipeline.yaml";

    private static readonly Dictionary<string, string> OneThread = new() { ["OMP_THREAD_LIMIT"] = "1" };

    /// <summary>When a file that starts now must be done.</summary>
    public static DateTime DeadlineFor(IngestOptions options) => DateTime.UtcNow.AddSeconds(Math.Max(1, options.TimeoutSeconds));

    /// <summary>The pages of an image file (PNG, JPEG, TIFF with all its pages), numbered from 1.</summary>
    public static OcrOutcome RecognizeImage(ReadOnlyMemory<byte> image, IngestOptions options, DateTime deadline)
    {
        var tesseract = ExternalTool.Find(options.TesseractPath, "tesseract");
        if (tesseract is null) return OcrOutcome.Fail(TesseractMissing);
        using var slot = OcrSlots.Take(options.OcrJobs, deadline);
        return Recognize(tesseract, image.ToArray(), dpi: null, firstPage: 1, options, deadline);
    }

    /// <summary>Pages of a PDF (1-based number, resolution to render at), rendered and read side by side within <see cref="IngestOptions.OcrJobs"/>.</summary>
    public static OcrOutcome RecognizePdfPages(ReadOnlyMemory<byte> pdf, IReadOnlyList<(int Page, int Dpi)> pages, IngestOptions options, DateTime deadline)
    {
        var tesseract = ExternalTool.Find(options.TesseractPath, "tesseract");
        if (tesseract is null) return OcrOutcome.Fail(TesseractMissing);
        var pdftoppm = ExternalTool.Find(options.PdftoppmPath, "pdftoppm");
        if (pdftoppm is null) return OcrOutcome.Fail(PdftoppmMissing);
        var dir = Path.Combine(Path.GetTempPath(), "reportminer-ocr-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "document.pdf");
            using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
                stream.Write(pdf.Span);
            var results = new OcrOutcome[pages.Count];
            Parallel.For(0, pages.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.OcrJobs) }, (i, state) =>
            {
                using var slot = OcrSlots.Take(options.OcrJobs, deadline);
                results[i] = RecognizePdfPage(pdftoppm, tesseract, file, pages[i].Page, pages[i].Dpi, options, deadline);
                if (results[i].Error is not null) state.Stop();
            });
            var all = new List<OcrPage>(pages.Count);
            for (int i = 0; i < results.Length; i++)
            {
                if (results[i].Error is { } error) return OcrOutcome.Fail(error);
                if (results[i].Pages is { } done) all.AddRange(done);
                else return OcrOutcome.Fail($"OCR of page {pages[i].Page} was not finished");
            }
            return new OcrOutcome(all, null);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static OcrOutcome RecognizePdfPage(string pdftoppm, string tesseract, string file, int page, int dpi, IngestOptions options, DateTime deadline)
    {
        var number = page.ToString(CultureInfo.InvariantCulture);
        var render = ExternalTool.Run(pdftoppm,
            ["-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-png", "-f", number, "-l", number, file],
            null, Left(deadline));
        if (!render.Ok || render.Stdout.Length == 0)
            return OcrOutcome.Fail($"pdftoppm could not render page {page} for OCR ({render.Detail()})");
        return Recognize(tesseract, render.Stdout, dpi, page, options, deadline);
    }

    private static OcrOutcome Recognize(string tesseract, byte[] image, int? dpi, int firstPage, IngestOptions options, DateTime deadline)
    {
        var languages = string.Join('+', options.OcrLanguages);
        var args = new List<string> { "stdin", "stdout", "-l", languages, "--psm", "3" };
        if (dpi is int d) args.AddRange(["--dpi", d.ToString(CultureInfo.InvariantCulture)]);
        args.Add("tsv");
        var run = ExternalTool.Run(tesseract, args, image, Left(deadline), OneThread);
        if (!run.Ok)
        {
            if (run.Stderr.Contains("Failed loading language", StringComparison.Ordinal) || run.Stderr.Contains("couldn't load any languages", StringComparison.Ordinal))
                return OcrOutcome.Fail($"tesseract has no language data for {languages}: install the Debian package {LanguagePackages(options.OcrLanguages)}, or change ingest.ocr_languages in pipeline.yaml");
            return OcrOutcome.Fail($"tesseract could not read the image{(firstPage > 1 ? $" of page {firstPage}" : "")} ({run.Detail()})");
        }
        return new OcrOutcome(TesseractTsv.Parse(Encoding.UTF8.GetString(run.Stdout), firstPage), null);
    }

    /// <summary>Debian's package names for Tesseract languages (chi_sim → tesseract-ocr-chi-sim).</summary>
    public static string LanguagePackages(IEnumerable<string> languages)
        => string.Join(" ", languages.Select(l => "tesseract-ocr-" + l.ToLowerInvariant().Replace('_', '-')));

    private static TimeSpan Left(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1);
    }
}
