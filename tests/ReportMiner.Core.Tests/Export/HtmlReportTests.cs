using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ReportMiner.Export;

namespace ReportMiner.Core.Tests.Export;

/// <summary>report.html from rows made up for the purpose: structure, links, escaping, caps, determinism (the values are the panel's).</summary>
public sealed class HtmlReportTests : IDisposable
{
    private readonly TempFolder _dir = new("rm-report");

    public void Dispose() => _dir.Dispose();

    private const string Hostile = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)></style><a href=\"http://evil.example/\">x</a>&amp;";

    private static readonly CountyRow Xianju = new("仙居县", "仙居县", "331024", "浙江省", "台州市", []);
    private static readonly CountyRow Evil = new("evil", Hostile, null, Hostile, null, []);
    private static readonly CountyRow Unknown = new("unknown-0123456789ab", null, null, null, null, []);

    private static MentionRow M(CountyRow county, string indicator, string status, string? period, double value, string raw, string document,
        string sentence, string? qualifier = null, bool approximate = false, int? page = null, string unit = "count")
        => new(county, indicator, status, qualifier, null, value, unit, raw, approximate, null, period, document, page, sentence, 0, raw.Length, "rule", 1.0);

    private static ExportData Sample()
    {
        var documents = new List<DocumentRow>
        {
            new("仙居县", "a.txt", null, "t", null, "2020-01-10", "2019", "txt", "00"),
            new("仙居县", "b.pdf", null, "t", null, "2021-01-10", "2020", "pdf", "01"),
            new("evil", "c.txt", null, Hostile, null, null, null, "txt", "02"),
            new("unknown-0123456789ab", "d.txt", null, null, null, null, null, "txt", "03"),
        };
        var mentions = new List<MentionRow>
        {
            M(Xianju, "high_tech_enterprises", "actual", "2019", 30, "30家", "a.txt", "sentence one 30"),
            M(Xianju, "high_tech_enterprises", "target", "2020", 40, "40家", "a.txt", "sentence two 40"),
            M(Xianju, "rd_expenditure", "actual", "2019", 461000000, "4.61亿元", "a.txt", "sentence three", unit: "CNY"),
            M(Xianju, "rd_expenditure", "actual", "2019-01/2019-09", 300000000, "3亿元", "a.txt", "sentence four", unit: "CNY"),
            M(Xianju, "rd_expenditure", "actual", "2021-H1", 200000000, "2亿元", "a.txt", "sentence four b", unit: "CNY"),
            M(Xianju, "high_tech_enterprises", "actual", "2020", 42, "42家", "b.pdf", "sentence five", page: 3),
            M(Xianju, "high_tech_enterprises", "actual", "2019", 31, "31家", "b.pdf", "sentence six (conflict)", page: 4),
            M(Evil, "tech_smes", "actual", "2021", 5, Hostile, "c.txt", Hostile, qualifier: Hostile),
        };
        var errors = new List<ErrorRow> { new("e.txt", "read", Hostile) };
        return new ExportData([Evil, Unknown, Xianju], documents, mentions, errors);
    }

    private string Write(ExportData data, string name = "report.html")
    {
        var path = _dir.Combine(name);
        using var writer = new HtmlReportWriter(path);
        TableFeed.Feed(data, [writer]);
        Assert.True(writer.Complete(data.Counties));
        return path;
    }

    private static IDocument Parse(string path) => new HtmlParser().ParseDocument(File.ReadAllText(path));

    [Fact]
    public void One_section_per_county_and_a_chart_per_indicator()
    {
        var doc = Parse(Write(Sample()));
        var sections = doc.QuerySelectorAll("section.county");
        Assert.Equal(3, sections.Length);
        var xianju = sections.Single(s => s.QuerySelector("h2")!.TextContent.StartsWith("仙居县", StringComparison.Ordinal));
        var charts = xianju.QuerySelectorAll("figure.chart").Select(f => f.GetAttribute("data-indicator")!).ToList();
        Assert.Equal(["high_tech_enterprises", "rd_expenditure"], charts);
        Assert.All(xianju.QuerySelectorAll("figure.chart"), f => Assert.NotNull(f.QuerySelector("svg")));
        // Actual and target are distinct series: a solid line with dots, a dashed one with squares.
        var hte = xianju.QuerySelector("figure.chart[data-indicator=high_tech_enterprises] svg")!;
        Assert.Single(hte.QuerySelectorAll("g.s:not(.t) polyline"));
        Assert.Single(hte.QuerySelectorAll("g.s.t rect"));
        // The panel takes the year over 1-9月 of it; a year known only in part is in the table (with its own period), not in the chart.
        var rd = xianju.QuerySelector("figure.chart[data-indicator=rd_expenditure] svg")!;
        Assert.Single(rd.QuerySelectorAll("circle"));
        var table = xianju.QuerySelector("table.values")!.TextContent;
        Assert.Contains("4.61亿元", table, StringComparison.Ordinal);
        Assert.DoesNotContain("3亿元", table, StringComparison.Ordinal);
        Assert.Contains("2亿元 2021-H1", table, StringComparison.Ordinal);
        // Periods are columns in time order; the panel's key period is the year.
        var headers = xianju.QuerySelectorAll("table.values thead th").Select(h => h.TextContent).ToList();
        Assert.Equal(["indicator", "2019", "2020", "2021"], headers);
        // The unnamed county gets a section that says so.
        Assert.Contains(sections, s => s.TextContent.Contains("No indicator was found", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_read_by_ocr_are_marked_and_doubted_digits_stand_out()
    {
        var documents = new List<DocumentRow> { new("仙居县", "scan.pdf", null, "t", null, "2021-01-10", "2020", "pdf", "00", Ocr: true) };
        var mentions = new List<MentionRow>
        {
            M(Xianju, "high_tech_enterprises", "actual", "2019", 30, "30家", "scan.pdf", "sentence one 30", page: 1) with { Ocr = true, OcrConfidence = 0.95 },
            M(Xianju, "high_tech_enterprises", "actual", "2020", 42, "42家", "scan.pdf", "sentence two 42", page: 1) with { Ocr = true, OcrConfidence = 0.41, OcrDoubtful = true },
            M(Xianju, "tech_smes", "actual", "2020", 7, "7家", "scan.pdf", "sentence three 7", page: 2),
        };
        var doc = Parse(Write(new ExportData([Xianju], documents, mentions, [])));
        string? MarkAfter(string raw)
        {
            var link = doc.QuerySelectorAll("table.values a").Single(a => a.TextContent == raw);
            var mark = link.ParentElement!.QuerySelector("span.ocr");
            return mark is null ? null : mark.ClassName + ":" + mark.TextContent;
        }
        Assert.Equal("ocr:OCR", MarkAfter("30家"));
        Assert.Equal("ocr doubtful:OCR?", MarkAfter("42家"));
        Assert.Null(MarkAfter("7家"));
    }

    [Fact]
    public void Every_link_resolves_and_nothing_points_outside()
    {
        var doc = Parse(Write(Sample()));
        var ids = doc.All.Where(e => !string.IsNullOrEmpty(e.Id)).Select(e => e.Id!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var links = doc.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, href =>
        {
            Assert.StartsWith("#", href, StringComparison.Ordinal);
            Assert.NotNull(doc.GetElementById(href[1..]));
        });
        // Each value of the table links to a sentence that names its document (and page when known).
        var cell = doc.QuerySelectorAll("table.values a").First(a => a.TextContent == "42家");
        var sentence = doc.GetElementById(cell.GetAttribute("href")![1..])!;
        Assert.Equal("LI", sentence.TagName);
        Assert.Contains("b.pdf, p. 3", sentence.TextContent, StringComparison.Ordinal);
        Assert.Empty(doc.QuerySelectorAll("script, link, img, iframe, object, embed, base"));
        Assert.All(doc.All.SelectMany(e => e.Attributes), attr =>
        {
            if (attr.Name is "src" or "href" or "xlink:href" or "action" or "srcset")
                Assert.DoesNotMatch("^(https?:)?//", attr.Value);
        });
        var css = string.Concat(doc.QuerySelectorAll("style").Select(s => s.TextContent));
        Assert.DoesNotContain("@import", css, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", css, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_text_stays_text()
    {
        var path = Write(Sample());
        var doc = Parse(path);
        Assert.Empty(doc.QuerySelectorAll("script, img"));
        Assert.DoesNotContain(doc.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain(doc.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains("evil", StringComparison.Ordinal));
        // The county name, the sentence, the raw figure and the error reason are shown as written.
        var evil = doc.QuerySelectorAll("section.county").Single(s => s.QuerySelector("h2")!.TextContent.StartsWith(Hostile, StringComparison.Ordinal));
        Assert.Contains(evil.QuerySelectorAll("ol.sentences q"), q => q.TextContent == Hostile);
        Assert.Contains(doc.QuerySelectorAll("table.list td"), td => td.TextContent == Hostile);
        Assert.Single(doc.QuerySelectorAll("style"));
        Assert.Equal("Errors (1)", doc.GetElementById("errors")!.TextContent);
        Assert.Contains("&lt;script&gt;", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicts_are_listed_with_both_sides()
    {
        var doc = Parse(Write(Sample()));
        Assert.Equal("Conflicts (1)", doc.GetElementById("conflicts")!.TextContent);
        var row = doc.QuerySelector("#conflict-list tbody tr")!;
        Assert.Contains("high_tech_enterprises", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(["31家", "30家"], row.QuerySelectorAll("a").Skip(1).Select(a => a.TextContent).ToList());
    }

    [Fact]
    public void A_cell_links_a_capped_number_of_sentences_and_says_how_many_more()
    {
        var county = new CountyRow("k", "k", null, null, null, []);
        var mentions = Enumerable.Range(1, 10)
            .Select(i => M(county, "tech_envoys", "actual", "2020", 100 * i, (100 * i).ToString(System.Globalization.CultureInfo.InvariantCulture) + "人",
                $"f{i:00}.txt", $"sentence {i}", unit: "persons"))
            .ToList();
        var docs = mentions.Select(m => new DocumentRow("k", m.Document, null, null, null, null, null, "txt", "00")).ToList();
        var doc = Parse(Write(new ExportData([county], docs, mentions, [])));
        var cell = doc.QuerySelector("table.values td")!;
        Assert.Equal(HtmlReportWriter.MaxSentencesPerValue, cell.QuerySelectorAll("a").Length);
        Assert.Contains("and 7 more", cell.TextContent, StringComparison.Ordinal);
        // The overview lists all nine conflicts, so every sentence is listed once.
        Assert.Equal(10, doc.QuerySelectorAll("ol.sentences li").Length);
        Assert.Equal(9, doc.QuerySelectorAll("#conflict-list tbody tr").Length);
    }

    [Fact]
    public void Same_rows_same_bytes_and_unchanged_file_is_not_rewritten()
    {
        var a = File.ReadAllBytes(Write(Sample(), "a.html"));
        var b = File.ReadAllBytes(Write(Sample(), "b.html"));
        Assert.Equal(a, b);
        using var again = new HtmlReportWriter(_dir.Combine("a.html"));
        TableFeed.Feed(Sample(), [again]);
        Assert.False(again.Complete(Sample().Counties));
        Assert.Empty(Directory.GetFiles(_dir.Path, ".*.tmp"));
    }
}
