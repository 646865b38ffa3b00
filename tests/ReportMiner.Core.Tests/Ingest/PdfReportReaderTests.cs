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
    public void A_pdf_table_gives_the_same_rows_units_and_headers_as_the_docx()
    {
        var pdf = Reader.Read("t.pdf", Fixtures.Format("table-sample.libreoffice.pdf"), IngestOptions.Default).Document!;
        var docx = new DocxReportReader().Read("t.docx", Fixtures.Format("table-sample.docx"), IngestOptions.Default).Document!;
        Assert.Equal(docx.Text, pdf.Text);
        var expected = DocxReportReaderTests.ExpectedTable;
        for (int r = 0; r < expected.Length; r++)
            for (int c = 0; c < expected[r].Length; c++)
            {
                var region = pdf.Regions.Single(x => x.Locator == $"t1/r{r + 1}/c{c + 1}");
                Assert.Equal(expected[r][c], pdf.Text.Substring(region.Start, region.Length));
                Assert.Equal(DocxReportReaderTests.ExpectedUnits[r][c], region.ImpliedUnit);
                Assert.Equal(1, region.Page);
                var docxRegion = docx.Regions.Single(x => x.Locator == region.Locator);
                Assert.Equal(docxRegion.ColumnHeader, region.ColumnHeader);
            }
        DocxReportReaderTests.AssertOrderedWithoutOverlap(pdf);
    }

    [Theory]
    [InlineData("县 科 技 局", new int[0], "县科技局")]
    [InlineData("序号 指标 2023年", new[] { 3, 6 }, "序号\t指标\t2023年")]
    [InlineData("1 R&D经费支出(万元) 12,345.6 7,890.12 15.3", new[] { 2, 14 }, "1\tR&D经费支出(万元)\t12,345.6\t7,890.12\t15.3")]
    [InlineData("县 科 技 局 工 作", new[] { 2, 4, 6, 8, 10 }, "县科技局工作")]
    public void Rows_split_at_column_gaps(string raw, int[] columnStarts, string expected)
        => Assert.Equal(expected, columnStarts.Length == 0 ? PdfTextCleaner.CleanLine(raw) : PdfTextCleaner.CleanRow(raw, columnStarts));

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
