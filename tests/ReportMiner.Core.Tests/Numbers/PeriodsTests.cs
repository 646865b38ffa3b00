using ReportMiner.Numbers;

namespace ReportMiner.Core.Tests.Numbers;

/// <summary>One notation per period: a stretch of one year takes the spec's shortest name.</summary>
public sealed class PeriodsTests
{
    [Theory]
    [InlineData("2016-01/2016-06", "2016-H1")]
    [InlineData("2016-07/2016-12", "2016-H2")]
    [InlineData("2016-01/2016-12", "2016")]
    [InlineData("2016/2016", "2016")]
    [InlineData("2018-01/2018-03", "2018-Q1")]
    [InlineData("2018-04/2018-06", "2018-Q2")]
    [InlineData("2018-07/2018-09", "2018-Q3")]
    [InlineData("2018-10/2018-12", "2018-Q4")]
    [InlineData("2019-03/2019-03", "2019-03")]
    [InlineData("2019-01/2019-09", "2019-01/2019-09")]   // 前三季度: no shorter name in the spec
    [InlineData("2019-01/2019-10", "2019-01/2019-10")]
    [InlineData("2022-11/2024-11", "2022-11/2024-11")]   // over several years
    [InlineData("2015-01/2016-06", "2015-01/2016-06")]
    [InlineData("2023/2024", "2023/2024")]
    [InlineData("2016-H1", "2016-H1")]
    [InlineData("2024", "2024")]
    [InlineData("2024-05", "2024-05")]
    [InlineData("2019-06/2019-01", "2019-06/2019-01")]   // not an interval: left as it is
    [InlineData("2019-00/2019-13", "2019-00/2019-13")]
    [InlineData(null, null)]
    public void Canonical(string? period, string? expected) => Assert.Equal(expected, Periods.Canonical(period));

    [Fact]
    public void No_mention_of_the_corpus_names_a_half_year_or_quarter_as_a_month_range()
    {
        var root = TestPaths.Corpus("");
        foreach (var file in Directory.GetFiles(root, "*.txt").Take(5).Concat(Directory.GetFiles(Path.Combine(root, "web"), "w00*.txt")))
        {
            var id = Path.GetRelativePath(root, file).Replace('\\', '/');
            foreach (var m in SharedPipeline.Process(id).Mentions)
                Assert.Equal(Periods.Canonical(m.Period), m.Period);
        }
    }
}
