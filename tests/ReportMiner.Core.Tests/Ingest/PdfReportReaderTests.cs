using ReportMiner.Ingest;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Xunit.Abstractions;

namespace ReportMiner.Tests.Ingest;

public sealed class PdfReportReaderTests(ITestOutputHelper output)
{
    private static readonly PdfReportReader Reader = new();

    public static TheoryData<string, string> PdfFixtures => new()
    {
        { "000_971f75f910563c26.libreoffice.pdf", "000_971f75f910563c26" },
        { "000_971f75f910563c26.chromium.pdf", "000_971f75f910563c26" },
        { "000_971f75f910563c26.chromium-notocjk.pdf", "000_971f75f910563c26" },
        { "000_971f75f910563c26.chromium-justify-spaced.pdf", "000_971f75f910563c26" },
        { "001_87709b1c34e14cd9.libreoffice.pdf", "001_87709b1c34e14cd9" },
        { "001_87709b1c34e14cd9.chromium.pdf", "001_87709b1c34e14cd9" },
    };

    [Theory]
    [MemberData(nameof(PdfFixtures))]
    public void Every_character_of_the_source_comes_back(string fixture, string source)
    {
        var result = Reader.Read(fixture, Fixtures.Format(fixture), IngestOptions.Default);
        Assert.True(result.Success, result.Error?.Reason);
        var text = result.Document!.Text;
        var expected = Fixtures.Source(source);
        double similarity = TextSimilarity.Of(expected, text);
        output.WriteLine($"{fixture}: similarity {similarity:P2}");
        output.WriteLine(text);
        Assert.Equal(TextSimilarity.StripWhitespace(expected), TextSimilarity.StripWhitespace(text));
        Assert.Equal(1.0, similarity);
    }

    [Theory]
    [InlineData("000_971f75f910563c26.libreoffice.pdf")]
    [InlineData("000_971f75f910563c26.chromium.pdf")]
    [InlineData("000_971f75f910563c26.chromium-notocjk.pdf")]
    [InlineData("000_971f75f910563c26.chromium-justify-spaced.pdf")]
    public void Paragraph_lines_come_back_as_in_the_source(string fixture)
    {
        var text = Reader.Read(fixture, Fixtures.Format(fixture), IngestOptions.Default).Document!.Text;
        static string[] NonEmpty(string t) => t.Split('\n').Where(l => l.Trim().Length > 0).ToArray();
        Assert.Equal(NonEmpty(Fixtures.Source("000_971f75f910563c26")), NonEmpty(text));
    }

    [Fact]
    public void LibreOffice_pdf_text_equals_the_source_byte_for_byte()
    {
        var text = Reader.Read("x.pdf", Fixtures.Format("000_971f75f910563c26.libreoffice.pdf"), IngestOptions.Default).Document!.Text;
        Assert.Equal(Fixtures.Source("000_971f75f910563c26"), text);
    }

    [Theory]
    [MemberData(nameof(PdfFixtures))]
    public void Line_extractor_matches_PdfPig_content_order_text(string fixture, string source)
    {
        _ = source;
        using var document = PdfDocument.Open(Fixtures.Format(fixture), new ParsingOptions { UseActualText = true });
        foreach (var page in document.GetPages())
        {
            var expected = ContentOrderTextExtractor.GetText(page).Replace("\r\n", "\n");
            var lines = PdfLineExtractor.Extract(page);
            Assert.Equal(expected, string.Join("\n", lines.Select(l => l.Text)));
            Assert.All(lines, l => Assert.True(l.HasGeometry));
        }
    }
}
