using System.Globalization;
using ReportMiner.Ingest;

namespace ReportMiner.Core.Tests.Ingest;

/// <summary>A report yields the same mentions whatever format it arrives in.</summary>
public class CrossFormatMentionTests
{
    private static List<string> Mentions(string path, string id)
    {
        var bytes = File.ReadAllBytes(path);
        var read = ReaderRegistry.CreateDefault().Read(id, bytes, Path.GetExtension(path), IngestOptions.Default);
        Assert.True(read.Success, read.Error?.Reason);
        return SharedPipeline.Pipeline.Process(read.Document!).Mentions
            .Select(m => string.Join(' ', m.Indicator, m.Value.ToString(CultureInfo.InvariantCulture), m.Status, m.Qualifier ?? "-", m.Period ?? "-", m.Approximate))
            .ToList();
    }

    [Theory]
    [InlineData("000_971f75f910563c26.libreoffice.pdf")]
    [InlineData("000_971f75f910563c26.chromium.pdf")]
    [InlineData("000_971f75f910563c26.chromium-notocjk.pdf")]
    [InlineData("000_971f75f910563c26.chromium-justify-spaced.pdf")]
    [InlineData("000_971f75f910563c26.docx")]
    [InlineData("000_971f75f910563c26.gb18030.txt")]
    [InlineData("000_971f75f910563c26.utf16le-bom.txt")]
    [InlineData("001_87709b1c34e14cd9.libreoffice.pdf")]
    [InlineData("001_87709b1c34e14cd9.chromium.pdf")]
    [InlineData("001_87709b1c34e14cd9.docx")]
    public void Fixture_yields_the_mentions_of_its_txt(string fixture)
    {
        var stem = fixture[..fixture.IndexOf('.')];
        var fromTxt = Mentions(TestPaths.Corpus(stem + ".txt"), stem + ".txt");
        Assert.NotEmpty(fromTxt);
        var fromFixture = Mentions(Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "formats", fixture), fixture);
        Assert.Equal(fromTxt, fromFixture);
    }

    [Fact]
    public void Table_rows_take_units_and_periods_from_their_headers()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "formats", "table-sample.docx");
        var mentions = Mentions(path, "table-sample.docx");
        string[] expected =
        [
            "rd_expenditure 123456000 actual - 2023 False",
            "rd_expenditure 78901200 actual - 2024-H1 False",
            "high_tech_enterprises 86 actual - 2023 False",
            "high_tech_enterprises 95 actual - 2024-H1 False",
            "tech_smes 210 actual - 2023 False",
            "tech_smes 248 actual - 2024-H1 False",
            "tech_contract_turnover 345000000 actual - 2023 False",
            "tech_contract_turnover 198000000 actual - 2024-H1 False",
            "rd_intensity 2.15 actual - 2024-H1 False",
        ];
        Assert.Equal(expected, mentions);
    }
}
