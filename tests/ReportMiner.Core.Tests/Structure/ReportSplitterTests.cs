namespace ReportMiner.Core.Tests.Structure;

public class ReportSplitterTests
{
    /// <summary>Source line (1-based) where each report starts, through the offset map.</summary>
    private static List<int> StartLines(string file)
    {
        var doc = SharedPipeline.Process(file);
        var source = doc.Normalized.Source;
        return doc.Reports.Select(r =>
        {
            int src = doc.Normalized.SourceIndex[r.Report.Start];
            return source.AsSpan(0, src).Count('\n') + 1;
        }).ToList();
    }

    [Fact]
    public void Compilation_is_split_into_its_reports_as_the_gold_marks_them()
    {
        // corpus/gold/003_….json: 篇一 … 篇六, with 篇五 holding four reports run together.
        Assert.Equal([1, 10, 18, 36, 65, 84, 125, 152, 206], StartLines("003_356c60abb3feb7ae.txt"));
    }

    [Theory]
    [InlineData("000_971f75f910563c26.txt")]
    [InlineData("001_87709b1c34e14cd9.txt")]
    [InlineData("002_6df9cd8cc85e8b20.txt")]
    [InlineData("004_7a4c22083b724c84.txt")]
    public void Single_reports_stay_whole(string file) => Assert.Single(StartLines(file));

    [Fact]
    public void Report_gets_title_year_period_and_plan_sections()
    {
        var doc = SharedPipeline.Process("000_971f75f910563c26.txt");
        var report = doc.Reports[0].Report;
        Assert.Equal("县科技局2021下半年工作计划", report.Title);
        Assert.Equal(2021, report.Year);
        Assert.Equal("2021-H1", report.Period);
        Assert.Contains(report.Sections, s => s.Kind == ReportMiner.Structure.SectionKind.Plan);
        Assert.Contains(report.Sections, s => s.Kind == ReportMiner.Structure.SectionKind.Summary);
    }

    [Fact]
    public void Plan_document_is_all_targets()
    {
        var doc = SharedPipeline.Process("004_7a4c22083b724c84.txt");
        var mentions = doc.Mentions.ToList();
        Assert.NotEmpty(mentions);
        Assert.All(mentions, m => Assert.Equal("target", m.Status));
        Assert.All(mentions, m => Assert.Equal("2022", m.Period));
    }
}
