using ReportMiner.County;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.County;

public sealed class GazetteerCountyResolverTests
{
    private static readonly Lazy<GazetteerCountyResolver> Resolver = new(() => GazetteerCountyResolver.Load(TestPaths.Combine("models", "gazetteer", "gb2260.tsv")));
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static CountyRef Resolve(string? title, string? issuer, string text) => Resolver.Value.Resolve("doc.txt", Sha, title, issuer, text);

    public static TheoryData<string?, string?, string, string, string, string, string> Resolved => new()
    {
        // title, issuer, text → name, code, province, city
        { "仙居县科技局2024年上半年工作总结和下半年工作计划", null, "今年以来，我县科技工作……", "仙居县", "331024", "浙江省", "台州市" },
        { null, "仙居科技局", "全县科技工作", "仙居县", "331024", "浙江省", "台州市" },
        { "仙居", null, "", "仙居县", "331024", "浙江省", "台州市" },
        { "鼎城区2023年科技工作总结", null, "", "鼎城区", "430703", "湖南省", "常德市" },
        { null, "杭州", "", "杭州市", "330100", "浙江省", "杭州市" },
        { null, "贵港市港北区科技局", "", "港北区", "450802", "广西壮族自治区", "贵港市" },
        { null, null, "3月17日，黔南州召开表彰大会。州委、州政府……全州科技特派员", "黔南州", "522700", "贵州省", "黔南布依族苗族自治州" },
        { null, null, "重庆市大渡口区科学技术局\n2021年8月", "大渡口区", "500104", "重庆市", "重庆市" },
        // A name shared by several divisions is narrowed by the province or city the text names.
        { "鼓楼区科技局工作总结", null, "福州市鼓楼区……", "鼓楼区", "350102", "福建省", "福州市" },
        { null, "通州科技局", "南通市委、市政府……", "通州区", "320612", "江苏省", "南通市" },
        // Body vote: a name written out once, agreeing with how the text calls itself (全县, 我县).
        { null, null, new string('。', 500) + "全县科技工作稳步推进，我县组织开展“携手建设两型澧县”活动，全县科技特派员……", "澧县", "430723", "湖南省", "常德市" },
    };

    [Theory]
    [MemberData(nameof(Resolved))]
    public void Resolves_names_as_written(string? title, string? issuer, string text, string name, string code, string province, string city)
    {
        var county = Resolve(title, issuer, text);
        Assert.Equal(name, county.Name);
        Assert.Equal(code, county.Code);
        Assert.Equal(province, county.Province);
        Assert.Equal(city, county.City);
        Assert.Null(county.Candidates);
        Assert.DoesNotContain("unknown", county.Key);
    }

    [Theory]
    [InlineData("某县科技局2022年工作要点", null, "全县……")]
    [InlineData("xx县科技局2019年工作总结", null, "")]
    [InlineData(null, "**县科技局", "仙居县")]
    [InlineData(null, null, "X区科技局2020年工作总结\n今年以来，我区……鼎城区")]
    [InlineData("XX市科技局工作总结", null, "针对江阳区、纳溪区……")]
    [InlineData(null, "县科技局", "今年全县完成县级科技项目12项，我县科技兴县战略……")]
    [InlineData(null, "区科技局", "")]
    public void Anonymised_or_unstated_places_are_unknown(string? title, string? issuer, string text)
    {
        var county = Resolve(title, issuer, text);
        Assert.Equal("unknown-" + Sha[..12], county.Key);
        Assert.Null(county.Name);
        Assert.Null(county.Code);
    }

    [Fact]
    public void An_ambiguous_short_name_stays_unresolved_with_its_candidates()
    {
        var county = Resolve(null, "通州科技局", "全区科技工作");
        Assert.StartsWith("unknown-", county.Key);
        Assert.Null(county.Name);
        Assert.NotNull(county.Candidates);
        Assert.Contains(county.Candidates!, c => c.StartsWith("110112", StringComparison.Ordinal));
        Assert.Contains(county.Candidates!, c => c.StartsWith("320612", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ambiguous_full_name_keeps_the_name_but_no_code()
    {
        var county = Resolve("鼓楼区科技局工作总结", null, "全区科技工作");
        Assert.Equal("鼓楼区", county.Name);
        Assert.Null(county.Code);
        Assert.Equal(4, county.Candidates!.Count);
    }

    [Fact]
    public void A_name_of_the_wrong_level_in_the_opening_lines_is_not_the_jurisdiction()
    {
        // A county text (全县, 县经科局) that mentions a city's institute first.
        var county = Resolve(null, null, "携手西科大建成\"遂宁市光电晶体产业技术研究院\"。县经科局……全县");
        Assert.StartsWith("unknown-", county.Key);
    }

    [Fact]
    public void Gazetteer_has_every_level_and_derives_parents()
    {
        var g = Gazetteer.Load(TestPaths.Combine("models", "gazetteer", "gb2260.tsv"));
        Assert.Equal(31, g.Divisions.Count(d => d.Level == DivisionLevel.Province));
        Assert.True(g.Divisions.Count(d => d.Level == DivisionLevel.County) > 2800);
        Assert.Contains(g.Find("黔南州"), f => f.Division.Code == "522700" && !f.Short);
        Assert.Contains(g.Find("仙居"), f => f.Division.Code == "331024" && f.Short);
        Assert.Throws<FormatException>(() => Gazetteer.Parse(["331024\tcounty"]));
    }
}

public sealed class CountyAsWrittenTests
{
    [Fact]
    public void A_traditional_name_keeps_its_script_and_gets_the_simplified_key()
    {
        var config = ReportMiner.Config.PipelineConfig.Load(TestPaths.Combine("pipeline.yaml")).Config!;
        var pipeline = new ReportPipelineBuilder(config).Build();
        var source = new ReportMiner.Ingest.SourceDocument
        {
            Id = "t.txt", Format = "txt", Sha256 = new string('a', 64),
            Text = "寧德市科學技術局關於2022年科技特派員工作的通知\n全市共選派科技特派員120名。\n",
        };
        var county = pipeline.Process(source).Reports[0].County;
        Assert.Equal("寧德市", county.Name);
        Assert.Equal("宁德市", county.Key);
        Assert.Equal("350900", county.Code);
    }
}

public sealed class CountyFromFileNameTests
{
    private static readonly Lazy<GazetteerCountyResolver> Resolver = new(() => GazetteerCountyResolver.Load(TestPaths.Combine("models", "gazetteer", "gb2260.tsv")));
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("archive/仙居县科技局2023年工作总结.txt", "仙居县")]
    [InlineData("鼎城区2021年上半年科技工作总结.docx", "鼎城区")]
    public void The_file_name_names_the_county_when_the_text_does_not(string documentId, string name)
    {
        var county = Resolver.Value.Resolve(documentId, Sha, "2023年工作总结", null, "今年我县新增高新技术企业5家。");
        Assert.Equal(name, county.Name);
        Assert.NotNull(county.Code);
    }

    [Fact]
    public void A_file_name_without_a_place_changes_nothing()
    {
        var county = Resolver.Value.Resolve("000_971f75f910563c26.txt", Sha, "2023年工作总结", null, "今年我县新增高新技术企业5家。");
        Assert.StartsWith("unknown-", county.Key);
    }
}
