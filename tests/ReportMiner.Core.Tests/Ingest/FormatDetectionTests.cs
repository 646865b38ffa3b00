using ReportMiner.Ingest;

namespace ReportMiner.Tests.Ingest;

/// <summary>The registry picks readers by content first; text encodings come back exactly.</summary>
public sealed class FormatDetectionTests
{
    private static readonly ReaderRegistry Registry = ReaderRegistry.CreateDefault();

    [Theory]
    [InlineData("000_971f75f910563c26.gb18030.txt", "gb18030")]
    [InlineData("000_971f75f910563c26.utf16le-bom.txt", "utf-16le-bom")]
    public void Encoded_text_equals_the_source(string fixture, string encoding)
    {
        var result = new TxtReportReader().Read(fixture, Fixtures.Format(fixture), IngestOptions.Default);
        Assert.True(result.Success, result.Error?.Reason);
        Assert.Equal(Fixtures.Source("000_971f75f910563c26"), result.Document!.Text);
        Assert.Equal(encoding, result.Document.Encoding);
    }

    [Theory]
    // content wins over a wrong or missing extension
    [InlineData("000_971f75f910563c26.libreoffice.pdf", ".txt", "pdf")]
    [InlineData("000_971f75f910563c26.chromium.pdf", "", "pdf")]
    [InlineData("000_971f75f910563c26.docx", ".doc", "docx")]
    [InlineData("000_971f75f910563c26.gb18030.txt", ".txt", "txt")]
    public void Readers_are_chosen_by_content(string fixture, string extension, string format)
    {
        var result = Registry.Read("doc" + extension, Fixtures.Format(fixture), extension, IngestOptions.Default);
        Assert.True(result.Success, result.Error?.Reason);
        Assert.Equal(format, result.Document!.Format);
        Assert.Equal(1.0, TextSimilarity.Of(Fixtures.Source("000_971f75f910563c26"), result.Document.Text));
    }

    [Fact]
    public void A_docx_without_extension_is_read_as_docx()
    {
        var result = Registry.Read("table", Fixtures.Format("table-sample.docx"), "", IngestOptions.Default);
        Assert.True(result.Success, result.Error?.Reason);
        Assert.Equal("docx", result.Document!.Format);
        Assert.Contains("同比增长(%)", result.Document.Text);
    }

    [Fact]
    public void Ole2_content_goes_to_the_legacy_word_reader()
    {
        var bytes = Fixtures.Format("000_971f75f910563c26.doc");
        Assert.Equal(ReaderMatch.Content, new LegacyWordReportReader().Match(bytes.AsSpan(0, 512), ".bin"));
        Assert.Equal(ReaderMatch.No, new PdfReportReader().Match(bytes.AsSpan(0, 512), ".bin"));
        Assert.Equal(ReaderMatch.No, new DocxReportReader().Match(bytes.AsSpan(0, 512), ".bin"));
        var options = IngestOptions.Default with { SofficePath = "/nonexistent/soffice" };
        var result = Registry.Read("a.doc", bytes, ".doc", options);
        Assert.False(result.Success);
        Assert.Equal("doc", result.Error!.Stage);
        Assert.Contains("apt-get install libreoffice-writer-nogui", result.Error.Reason);
    }

    [Theory]
    [InlineData(".pdf", "pdf")]
    [InlineData(".docx", "docx")]
    public void Garbage_with_a_format_extension_is_an_error_naming_the_reader(string extension, string stage)
    {
        var garbage = new byte[1000];
        new Random(5).NextBytes(garbage);
        garbage[0] = (byte)'x';
        var result = Registry.Read("bad" + extension, garbage, extension, IngestOptions.Default);
        Assert.False(result.Success);
        Assert.Equal(stage, result.Error!.Stage);
        Assert.Equal("bad" + extension, result.Error.Document);
    }

    [Fact]
    public void Pdf_regions_cover_the_text_page_by_page()
    {
        var result = Registry.Read("r.pdf", Fixtures.Format("001_87709b1c34e14cd9.chromium.pdf"), ".pdf", IngestOptions.Default);
        var doc = result.Document!;
        Assert.Equal([1, 2, 3], doc.Regions.Select(r => r.Page!.Value).ToArray());
        Assert.Equal(0, doc.Regions[0].Start);
        for (int i = 1; i < doc.Regions.Count; i++)
            Assert.Equal(doc.Regions[i - 1].Start + doc.Regions[i - 1].Length, doc.Regions[i].Start);
        Assert.Equal(doc.Text.Length, doc.Regions[^1].Start + doc.Regions[^1].Length);
        // A sentence from the end of the source is on the last page.
        int offset = doc.Text.IndexOf("按时完成技术交易额考核指标", StringComparison.Ordinal);
        Assert.Equal(3, doc.RegionAt(offset)!.Page);
        Assert.Equal(1, doc.RegionAt(doc.Text.IndexOf("索引号", StringComparison.Ordinal))!.Page);
    }
}

public sealed class ConcurrencyTests
{
    [Fact]
    public void Readers_give_the_same_result_when_called_concurrently()
    {
        var registry = ReaderRegistry.CreateDefault();
        var files = Directory.GetFiles(Fixtures.FormatsDir)
            .Where(f => f.EndsWith(".pdf", StringComparison.Ordinal) || f.EndsWith(".docx", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal))
            .Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f), Ext: Path.GetExtension(f))).ToArray();
        var expected = files.Select(f => registry.Read(f.Name, f.Bytes, f.Ext, IngestOptions.Default).Document!.Text).ToArray();
        var actual = new string[files.Length * 2];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var f = files[i % files.Length];
            actual[i] = registry.Read(f.Name, f.Bytes, f.Ext, IngestOptions.Default).Document!.Text;
        });
        for (int i = 0; i < actual.Length; i++) Assert.Equal(expected[i % files.Length], actual[i]);
    }
}
