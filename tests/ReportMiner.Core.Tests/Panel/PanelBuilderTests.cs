using ReportMiner.Panel;

namespace ReportMiner.Core.Tests.Panel;

public class PanelBuilderTests
{
    private long _id;

    private PanelMention M(double value, string? period, string status = "actual", string document = "a.txt", int report = 1,
        bool approximate = false, string role = "total", long? partOf = null, string indicator = "rd_expenditure", string unit = "CNY",
        string? qualifier = null, string? scope = null, string county = "c1")
        => new(++_id, county, "县", indicator, status, qualifier, scope, value, unit, value + "", approximate, period, document, report, "s", role, partOf);

    private static readonly PanelOptions Gdp = new(new ShareOfGdpCheck("rd_expenditure", "rd_intensity", 1e8, 1e13));

    private static PanelResult Build(IEnumerable<PanelDocument> documents, params PanelMention[] mentions)
    {
        var b = new PanelBuilder(Gdp);
        foreach (var d in documents) b.AddDocument(d);
        foreach (var m in mentions) b.AddMention(m);
        return b.Build();
    }

    [Theory]
    [InlineData("2019", "2019-01", "2019-12")]
    [InlineData("2019-04", "2019-04", "2019-04")]
    [InlineData("2019-01/2019-09", "2019-01", "2019-09")]
    [InlineData("2019-H2", "2019-07", "2019-12")]
    [InlineData("2019-Q3", "2019-07", "2019-09")]
    [InlineData("2018/2020", "2018-01", "2020-12")]
    [InlineData("2022-11/2024-11", "2022-11", "2024-11")]
    public void Periods_of_the_spec_notation_are_month_intervals(string period, string first, string last)
    {
        var i = PeriodInterval.Parse(period)!.Value;
        Assert.Equal((first, last), (i.FirstText, i.LastText));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2019-13")]
    [InlineData("2019-H3")]
    [InlineData("2020/2019")]
    [InlineData("late 2019")]
    public void Text_outside_the_notation_is_no_interval(string? period) => Assert.Null(PeriodInterval.Parse(period));

    [Fact]
    public void The_full_year_beats_its_first_nine_months_whatever_the_order_and_text()
    {
        // As text, "2019-01/2019-09" sorts after "2019": the 4.9亿 against 9亿.
        var r = Build([], M(490_000_000, "2019-01/2019-09"), M(900_000_000, "2019"));
        var row = Assert.Single(r.Rows);
        Assert.Equal(("2019", 900_000_000.0, "2019", true, PanelReasons.LongerPeriod), (row.Period, row.Value, row.ValuePeriod, row.FullPeriod, row.Reason));
        Assert.Equal((2, 0, 0), (row.Figures, row.Agree, row.Disagree));   // different periods: neither agree nor disagree
        Assert.Empty(r.Conflicts);
    }

    [Fact]
    public void A_part_year_alone_stands_for_its_year_and_says_so()
    {
        var row = Assert.Single(Build([], M(490_000_000, "2019-01/2019-09")).Rows);
        Assert.Equal(("2019", "2019-01/2019-09", false, PanelReasons.Only), (row.Period, row.ValuePeriod, row.FullPeriod, row.Reason));
    }

    [Fact]
    public void Actual_beats_target_even_over_a_longer_period()
    {
        var row = Assert.Single(Build([], M(1e9, "2019", status: "target"), M(4.9e8, "2019-01/2019-09")).Rows);
        Assert.Equal(("actual", PanelReasons.ActualOverTarget), (row.Status, row.Reason));
    }

    [Fact]
    public void The_later_report_beats_the_earlier_and_a_disagreement_is_a_conflict()
    {
        var docs = new[] { new PanelDocument("old.txt", 1, "2020-02-01", "2019"), new PanelDocument("new.txt", 1, "2021-03-01", "2020") };
        var r = Build(docs, M(8.9e8, "2019", document: "new.txt"), M(9e8, "2019", document: "old.txt"), M(8.9e8 * 1.004, "2019", document: "old.txt"));
        var row = Assert.Single(r.Rows);
        Assert.Equal(("new.txt", PanelReasons.LaterReport, 3, 1, 1), (row.Document, row.Reason, row.Figures, row.Agree, row.Disagree));
        var c = Assert.Single(r.Conflicts);
        Assert.Equal((8.9e8, "new.txt", 9e8, "old.txt"), (c.ChosenValue, c.ChosenDocument, c.OtherValue, c.OtherDocument));
        Assert.True(c.RelativeDifference > PanelBuilder.Tolerance);
    }

    [Fact]
    public void Exact_beats_approximate_then_the_first_in_table_order()
    {
        var row = Assert.Single(Build([], M(100, "2019", approximate: true), M(101, "2019")).Rows);
        Assert.Equal((101.0, PanelReasons.ExactOverApproximate), (row.Value, row.Reason));
        _id = 0;
        var tie = Assert.Single(Build([], M(100, "2019"), M(200, "2019")).Rows);
        Assert.Equal((1L, PanelReasons.FirstInTableOrder), (tie.MentionId, tie.Reason));
    }

    [Fact]
    public void A_total_beats_its_parts_of_the_same_key_so_nothing_is_counted_twice()
    {
        var total = M(500, "2020", indicator: "high_tech_enterprises", unit: "count");
        var r = Build([], total, M(120, "2020", indicator: "high_tech_enterprises", unit: "count", role: "part", partOf: total.Id),
            M(80, "2020", indicator: "high_tech_enterprises", unit: "count", role: "part", partOf: total.Id));
        var row = Assert.Single(r.Rows);
        Assert.Equal((500.0, "total", PanelReasons.TotalOverPart, 0), (row.Value, row.Role, row.Reason, row.Disagree));
        Assert.Empty(r.Checks);
    }

    [Fact]
    public void Keys_are_county_indicator_year_qualifier_and_scope()
    {
        var r = Build([], M(1, "2019"), M(2, "2019", scope: "全社会"), M(3, "2019", qualifier: "new"), M(4, "2020"), M(5, "2019", county: "c2"),
            M(6, null), M(7, "2018/2019"));
        Assert.Equal(7, r.Rows.Count);
        // By county, indicator, qualifier, scope, then period in time order (no period last).
        Assert.Equal(["2018/2019", "2019", "2020", "", "2019", "2019", "2019"], r.Rows.Select(x => x.Period));
        Assert.Equal([null, null, null, null, "全社会", null, null], r.Rows.Select(x => x.Scope));
    }

    [Fact]
    public void Checks_flag_parts_over_totals_percents_fractions_low_targets_and_an_impossible_gdp()
    {
        var total = M(100, "2020", indicator: "high_tech_enterprises", unit: "count");
        var r = Build([],
            total,
            M(120, "2020", indicator: "high_tech_enterprises", unit: "count", role: "part", partOf: total.Id),
            M(60, "2020", indicator: "patent_grants", unit: "count", status: "target"),
            M(70, "2020", indicator: "patent_grants", unit: "count"),
            M(130, "2020", indicator: "rd_revenue_share", unit: "percent"),
            M(15.5, "2020", indicator: "tech_envoys", unit: "persons"),
            M(50_000, "2020", indicator: "rd_expenditure"),   // 5万元 at 2.5% of GDP: a GDP of 2 million yuan
            M(2.5, "2020", indicator: "rd_intensity", unit: "percent"));
        Assert.Equal(
            [PanelChecks.PartExceedsTotal, PanelChecks.TargetBelowActual, PanelChecks.PercentOutOfRange, PanelChecks.FractionalCount, PanelChecks.ShareOfGdp],
            r.Checks.Select(c => c.Check));
        Assert.Equal(total.Id, r.Checks[0].OtherMentionId);
    }

    [Fact]
    public void A_plausible_intensity_and_spend_pass()
    {
        var r = Build([], M(4.61e8, "2020"), M(3.78, "2020", indicator: "rd_intensity", unit: "percent"));
        Assert.Empty(r.Checks);
    }

    [Fact]
    public void Parts_that_add_up_to_more_than_their_total_are_flagged_once()
    {
        var total = M(100, "2020", indicator: "high_tech_enterprises", unit: "count");
        var r = Build([], total, M(60, "2020", indicator: "high_tech_enterprises", unit: "count", role: "part", partOf: total.Id),
            M(50, "2020", indicator: "high_tech_enterprises", unit: "count", role: "part", partOf: total.Id));
        var check = Assert.Single(r.Checks);
        Assert.Equal((PanelChecks.PartsExceedTotal, total.Id), (check.Check, check.MentionId));
    }

    [Fact]
    public void The_same_mentions_in_the_same_order_give_the_same_panel()
    {
        PanelResult Once()
        {
            _id = 0;
            return Build([new PanelDocument("a.txt", 1, "2021-01-01", "2020")], M(3, "2020"), M(1, "2020-H1"), M(2, "2020", approximate: true), M(9, null));
        }
        var a = Once();
        var b = Once();
        Assert.Equal(a.Rows, b.Rows);
        Assert.Equal(a.Conflicts, b.Conflicts);
        Assert.Equal(a.Checks, b.Checks);
    }
}
