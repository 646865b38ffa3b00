using ReportMiner.Core.Tests;
using ReportMiner.Eval;
using ReportMiner.Ingest;
using Xunit.Abstractions;

namespace ReportMiner.Tests.Ingest;

/// <summary>
/// A fact that runs only where Tesseract with the chi_sim data and poppler's pdftoppm are installed,
/// and is reported as skipped elsewhere.
/// </summary>
public sealed class TesseractFactAttribute : FactAttribute
{
    public TesseractFactAttribute()
    {
        if (OcrTools.Missing() is { } why) Skip = why;
    }
}

internal static class OcrTools
{
    private static readonly Lazy<string?> Why = new(() =>
    {
        const string install = "apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils to run it";
        var tesseract = ExternalTool.Find(null, "tesseract");
        if (tesseract is null) return $"skipped: tesseract not installed ({install})";
        if (ExternalTool.Find(null, "pdftoppm") is null) return $"skipped: pdftoppm not installed ({install})";
        var langs = ExternalTool.Run(tesseract, ["--list-langs"], null, TimeSpan.FromSeconds(30));
        var listed = System.Text.Encoding.UTF8.GetString(langs.Stdout) + langs.Stderr;
        return listed.Split('\n').Any(l => l.Trim() == "chi_sim") ? null : $"skipped: Tesseract has no chi_sim data ({install})";
    });

    /// <summary>Why the OCR tests cannot run here, or null.</summary>
    public static string? Missing() => Why.Value;
}

/// <summary>
/// OCR on the fixtures of tests/fixtures/ocr (tools/make-ocr-fixtures.sh renders the two report
/// texts there into scans): character accuracy against the source text, mentions against the
/// same report as txt, and the confidence and doubt flags that reach the mentions.
/// </summary>
[ReportMiner.Testing.StartsEarly]
public sealed class OcrTests(ITestOutputHelper output)
{
    private static string Dir => Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "ocr");
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(Dir, name));
    private static string SourceText(string stem) => File.ReadAllText(Path.Combine(Dir, stem + ".txt"));

    /// <summary>Each fixture is OCRed once for all the tests here (OCR costs seconds a page).</summary>
    private static readonly Dictionary<string, Lazy<IngestResult>> Read = new[]
    {
        "ocr-a.300dpi.pdf", "ocr-b.200dpi.pdf", "ocr-mixed.pdf", "ocr-ab.tif",
    }.ToDictionary(n => n, n => new Lazy<IngestResult>(() =>
        ReaderRegistry.CreateDefault().Read(n, Fixture(n), Path.GetExtension(n), IngestOptions.Default with { OcrJobs = 2 })));

    private static SourceDocument Document(string name)
    {
        var result = Read[name].Value;
        Assert.True(result.Success, result.Error?.Reason);
        return result.Document!;
    }

    /// <summary>1 − CER with whitespace ignored; full-width and half-width forms count as one character (the normaliser folds them).</summary>
    private static double Accuracy(string source, string ocr) => TextSimilarity.Of(FoldWidth(source), FoldWidth(ocr));

    private static string FoldWidth(string s) => string.Concat(s.Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c));

    [TesseractFact]
    public void Scans_at_300_and_200_dpi_come_back_with_their_characters()
    {
        var a = Document("ocr-a.300dpi.pdf");
        var b = Document("ocr-b.200dpi.pdf");
        double at300 = Accuracy(SourceText("ocr-a"), a.Text), at200 = Accuracy(SourceText("ocr-b"), b.Text);
        output.WriteLine($"character accuracy: 300 dpi {at300:F4}, 200 dpi {at200:F4}");
        Assert.True(at300 >= 0.97, $"300 dpi: {at300:F4}");
        Assert.True(at200 >= 0.93, $"200 dpi: {at200:F4}");
        foreach (var doc in new[] { a, b })
        {
            Assert.Equal("pdf", doc.Format);
            Assert.True(doc.Ocr);
            Assert.Equal(doc.Text.Length, doc.OcrConfidence!.Length);
            Assert.Equal(1, Assert.Single(doc.Regions).Page);
        }
    }

    [TesseractFact]
    public void Mentions_from_the_scans_score_within_0_05_F1_of_the_same_reports_as_txt()
    {
        var (gold, _, problems) = MentionSets.ReadGold(Path.Combine(Dir, "gold"));
        Assert.Empty(problems);
        var exact = SharedPipeline.Config.Extraction.ExactlyScored();
        List<ScoredMention> Mentions(SourceDocument doc, string key)
            => SharedPipeline.Pipeline.Process(doc).Reports
                .SelectMany(r => r.Mentions.Select(m => new ScoredMention(key, m.Indicator, m.Status, m.Value, m.Qualifier, m.Period, r.County.Name))).ToList();
        SourceDocument Txt(string stem) => new TxtReportReader().Read(stem + ".txt", Fixture(stem + ".txt"), IngestOptions.Default).Document!;

        var fromTxt = Mentions(Txt("ocr-a"), "ocr-a").Concat(Mentions(Txt("ocr-b"), "ocr-b")).ToList();
        var fromScans = Mentions(Document("ocr-a.300dpi.pdf"), "ocr-a").Concat(Mentions(Document("ocr-b.200dpi.pdf"), "ocr-b")).ToList();
        var txt = Scorer.Score(gold, fromTxt, null, exact).Micro;
        var scans = Scorer.Score(gold, fromScans, null, exact).Micro;
        output.WriteLine($"micro F1: txt {txt.F1:F3} ({txt.Matched}/{txt.Gold}), scans {scans.F1:F3} ({scans.Matched}/{scans.Gold}, {scans.Predicted} predicted)");
        Assert.True(txt.Gold >= 20);
        Assert.True(txt.F1 - scans.F1 <= 0.05, $"txt {txt.F1:F3} against scans {scans.F1:F3}");
    }

    [TesseractFact]
    public void Mentions_read_by_OCR_are_marked_with_the_confidence_of_their_digits()
    {
        var result = SharedPipeline.Pipeline.Process(Document("ocr-a.300dpi.pdf"));
        var mentions = result.Mentions.ToList();
        Assert.NotEmpty(mentions);
        foreach (var m in mentions)
        {
            Assert.True(m.Ocr, m.Raw);
            Assert.InRange(m.OcrConfidence!.Value, 0, 1);
            Assert.True(m.Confidence <= m.OcrConfidence + 1e-9, $"{m.Raw}: {m.Confidence} over the OCR confidence {m.OcrConfidence}");
            Assert.Equal(m.OcrConfidence < SharedPipeline.Config.Ingest.OcrDoubtfulBelow / 100.0, m.OcrDoubtful);
        }
    }

    [TesseractFact]
    public void Mixed_pdf_reads_text_pages_from_the_text_layer_and_scanned_pages_by_OCR()
    {
        var doc = Document("ocr-mixed.pdf");
        var map = doc.OcrConfidence!;
        var page1 = doc.Regions.Where(r => r.Page == 1).ToList();
        var page2 = doc.Regions.Where(r => r.Page == 2).ToList();
        Assert.NotEmpty(page1);
        Assert.Equal(OcrText.Locator, Assert.Single(page2).Locator);
        Assert.All(page1, r => Assert.Null(map.At(r.Start)));
        Assert.NotNull(map.At(page2[0].Start));
        Assert.True(Accuracy(SourceText("ocr-a"), doc.Text) >= 0.97, doc.Text);
        var mentions = SharedPipeline.Pipeline.Process(doc).Mentions.ToList();
        Assert.Contains(mentions, m => !m.Ocr && m.Page == 1);
        Assert.Contains(mentions, m => m.Ocr && m.Page == 2);
    }

    [TesseractFact]
    public void Multi_page_tiff_gives_every_page()
    {
        var doc = Document("ocr-ab.tif");
        Assert.Equal("tiff", doc.Format);
        Assert.Equal([1, 2], doc.Regions.Select(r => r.Page!.Value));
        var pages = doc.Regions.Select(r => doc.Text.Substring(r.Start, r.Length)).ToList();
        double a = Accuracy(SourceText("ocr-a"), pages[0]), b = Accuracy(SourceText("ocr-b"), pages[1]);
        output.WriteLine($"TIFF 200 dpi: page 1 {a:F4}, page 2 {b:F4}");
        Assert.True(a >= 0.93 && b >= 0.93, $"{a:F4} {b:F4}");
    }

    [Fact]
    public void Without_tesseract_the_error_names_the_tool_and_its_package()
    {
        var options = IngestOptions.Default with { TesseractPath = "/nonexistent/tesseract" };
        foreach (var name in new[] { "ocr-b.lines.png", "ocr-b.200dpi.pdf" })
        {
            var result = ReaderRegistry.CreateDefault().Read("in/" + name, Fixture(name), Path.GetExtension(name), options);
            Assert.False(result.Success);
            Assert.Equal("in/" + name, result.Error!.Document);
            Assert.Contains("tesseract not found", result.Error.Reason);
            Assert.Contains("tesseract-ocr", result.Error.Reason);
            Assert.DoesNotContain('\n', result.Error.Reason);
        }
    }

    [Fact]
    public void With_ocr_off_a_scan_is_refused_and_an_image_too()
    {
        var options = IngestOptions.Default with { Ocr = OcrMode.Off };
        var pdf = ReaderRegistry.CreateDefault().Read("a.pdf", Fixture("ocr-a.300dpi.pdf"), ".pdf", options);
        Assert.Contains("no text layer", pdf.Error!.Reason);
        var png = ReaderRegistry.CreateDefault().Read("b.png", Fixture("ocr-b.lines.png"), ".png", options);
        Assert.Equal("png", png.Error!.Stage);
        Assert.Contains("ingest.ocr: off", png.Error.Reason);
    }

    [Fact]
    public void Image_files_are_recognised_by_content_and_extension()
    {
        var registry = ReaderRegistry.CreateDefault();
        Assert.Equal("image", registry.FormatOf(Fixture("ocr-b.lines.png"), ".bin"));
        Assert.Equal("image", registry.FormatOf(Fixture("ocr-b.photo.jpg"), ""));
        Assert.Equal("image", registry.FormatOf(Fixture("ocr-ab.tif"), ".txt"));
        Assert.Equal("pdf", registry.FormatOf(Fixture("ocr-a.300dpi.pdf"), ".png"));
    }

    [Fact]
    public void Fixtures_are_small()
    {
        foreach (var file in Directory.EnumerateFiles(Dir))
            Assert.True(new FileInfo(file).Length < 200 * 1024, $"{file}: {new FileInfo(file).Length} bytes");
    }

    [Fact]
    public void Tesseract_tsv_becomes_lines_with_page_block_and_confidence()
    {
        const string tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
            + "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
            + "4\t1\t1\t1\t1\t0\t0\t0\t90\t10\t-1\t\n"
            + "5\t1\t1\t1\t1\t1\t0\t0\t20\t10\t96.5\t新增\n"
            + "5\t1\t1\t1\t1\t2\t20\t0\t20\t10\t61.2\t36\n"
            + "5\t1\t1\t1\t1\t3\t40\t0\t10\t10\t90\t家\n"
            + "5\t1\t2\t1\t1\t1\t0\t30\t20\t10\t88\tR&D\n"
            + "5\t1\t2\t1\t1\t2\t30\t30\t20\t10\t87\t2024\n"
            + "1\t2\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
            + "5\t2\t1\t1\t1\t1\t0\t0\t20\t10\t70\t第二页\n";
        var pages = TesseractTsv.Parse(tsv);
        Assert.Equal([1, 2], pages.Select(p => p.Number));
        Assert.Equal(2, pages[0].Lines.Count);
        var built = OcrText.Build(pages);
        Assert.Equal("新增36家\n\nR&D 2024\n第二页", built.Text);
        Assert.Equal(96, built.Confidence[0]);
        Assert.Equal(61, built.Confidence[2]);
        Assert.Equal(OcrConfidenceMap.None, built.Confidence[5]);   // the line break
        Assert.Equal(OcrConfidenceMap.None, built.Confidence["新增36家\n\nR&D".Length]);   // the space between two Latin words
        Assert.Equal([1, 2], built.Regions.Select(r => r.Page!.Value));
    }

    private static readonly string Sha = new('0', 64);

    [Fact]
    public void The_confidence_of_a_figure_s_digits_reaches_its_mention_through_normalisation()
    {
        // The report text as OCR would give it, every character at 95 but the digits of "2.45%" at 60.
        var text = SourceText("ocr-a").Replace("\n", "\n\n").Replace("（", "(");   // blank lines and a full-width bracket: normalisation moves offsets
        var conf = Enumerable.Repeat((byte)95, text.Length).ToArray();
        int at = text.IndexOf("2.45%", StringComparison.Ordinal);
        for (int i = at; i < at + 4; i++) conf[i] = 60;
        var doc = new SourceDocument { Id = "a.png", Format = "png", Text = text, Sha256 = Sha, OcrConfidence = new OcrConfidenceMap(conf) };
        var mentions = SharedPipeline.Pipeline.Process(doc).Mentions.ToList();
        Assert.Equal(11, mentions.Count);
        var doubted = Assert.Single(mentions, m => m.OcrDoubtful);
        Assert.Equal("2.45%", doubted.Raw);
        Assert.Equal(0.60, doubted.OcrConfidence);
        Assert.All(mentions.Where(m => !m.OcrDoubtful), m => Assert.Equal(0.95, m.OcrConfidence));
        Assert.All(mentions, m => Assert.True(m.Ocr));
        // The same text without a map: no OCR marks, and the pipeline's own confidence is scaled by the OCR one.
        var plain = SharedPipeline.Pipeline.Process(new SourceDocument { Id = "a.txt", Format = "txt", Text = text, Sha256 = Sha }).Mentions.ToList();
        Assert.All(plain, m => Assert.False(m.Ocr || m.OcrDoubtful || m.OcrConfidence is not null));
        var pairs = plain.Zip(mentions).ToList();
        Assert.All(pairs, p => Assert.Equal(p.First.Confidence * p.Second.OcrConfidence!.Value, p.Second.Confidence, 6));
    }

    [TesseractFact]
    public void A_png_is_read_by_OCR()
    {
        var result = ReaderRegistry.CreateDefault().Read("b.png", Fixture("ocr-b.lines.png"), ".png", IngestOptions.Default);
        Assert.True(result.Success, result.Error?.Reason);
        Assert.Equal("png", result.Document!.Format);
        Assert.Contains("宁海县科技局", result.Document.Text);
        Assert.Contains("58家", result.Document.Text);
    }
}
