using ReportMiner.Config;
using ReportMiner.Eval;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Config;

/// <summary>
/// Indicators are data: an indicator the code has never heard of, added to a copy of the shipped
/// <c>pipeline.yaml</c> and nowhere else, is extracted (with its own unit words, qualifier cue and
/// scope), exported to the county files and tables, and scored (exactly, as its entry says).
/// </summary>
public sealed class MadeUpIndicatorTests : IDisposable
{
    private const string Entry = """

            - id: technology_brokers
              unit: persons
              unit_words: [名]
              scoring: exact
              triggers: [技术经纪人]
              exclude: [培训]
              qualifier_cues:
                certified: [持证]
              scopes:
                全县: [全县]

        """;

    private const string Report = """
        仙居县科技局2024年工作总结
        一、工作成效
        2024年,全县新增持证技术经纪人35名,开展技术经纪人培训3期。全县高新技术企业达到20家。
        另有技术经纪人12人参加省级评选。
        """;

    private readonly TempFolder _dir = new("reportminer-madeup");

    public void Dispose() => _dir.Dispose();

    /// <summary>The shipped configuration with the made-up indicator appended to <c>extraction.indicators</c> (its last key).</summary>
    private PipelineConfig Config()
    {
        Directory.CreateDirectory(_dir.Path);
        var yaml = File.ReadAllText(TestPaths.PipelineYaml).TrimEnd() + "\n" + Entry;
        var path = _dir.Combine("pipeline.yaml");
        File.WriteAllText(path, yaml.Replace("models/", TestPaths.Combine("models") + "/"));
        var loaded = PipelineConfig.Load(path);
        Assert.True(loaded.Error is null, loaded.Error);
        Assert.Equal("technology_brokers", loaded.Config!.Extraction.Indicators[^1].Id);
        return loaded.Config;
    }

    [Fact]
    public void It_is_extracted_with_its_own_unit_words_qualifier_and_scope()
    {
        var pipeline = new ReportPipelineBuilder(Config()).Build();
        var doc = pipeline.Process(new SourceDocument { Id = "madeup.txt", Format = "txt", Text = Report, Sha256 = new string('0', 64) });
        var brokers = doc.Mentions.Where(m => m.Indicator == "technology_brokers").ToList();
        // 35名 only: 3期 is not a person, and 12人 is not written with its unit word (名).
        var m = Assert.Single(brokers);
        Assert.Equal((35.0, "persons", "actual", "certified", "全县"), (m.Value, m.Unit, m.Status, m.Qualifier, m.Scope));
        // The shipped indicators are still there.
        Assert.Contains(doc.Mentions, x => x.Indicator == "high_tech_enterprises" && x.Value == 20);
    }

    [Fact]
    public void It_is_exported_and_scored_exactly()
    {
        var config = Config();
        var input = _dir.Combine("in");
        var output = _dir.Combine("out");
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "madeup.txt"), Report);
        var summary = new BatchRunner(new ReportPipelineBuilder(config).Build(), ReaderRegistry.CreateDefault(), TextWriter.Null)
            .Run(new BatchOptions(input, output) { UseCache = false });
        Assert.Equal(0, summary.Errors);
        var county = Assert.Single(Directory.GetFiles(Path.Combine(output, "counties"), "*.json"));
        Assert.Contains("\"technology_brokers\"", File.ReadAllText(county));
        Assert.Contains(File.ReadAllLines(Path.Combine(output, "mentions.csv")), l => l.Contains("technology_brokers", StringComparison.Ordinal) && l.Contains("35", StringComparison.Ordinal));

        var (predicted, _, problems) = MentionSets.ReadPredictions(output);
        Assert.Empty(problems);
        var exact = config.Extraction.ExactlyScored();
        Assert.Contains("technology_brokers", exact);
        var docs = new HashSet<string> { "madeup" };
        ScoredMention Gold(double value) => new("madeup", "technology_brokers", "actual", value, "certified", null, null);
        var hit = Scorer.Score([Gold(35)], predicted, docs, exact).PerIndicator.Single(s => s.Indicator == "technology_brokers");
        Assert.Equal((1, 1, 1), (hit.Gold, hit.Predicted, hit.Matched));
        // Exact: 35.1 is another value (tolerant scoring would take it, 0.1 being within 0.5%).
        var near = Scorer.Score([Gold(35.1)], predicted, docs, exact).PerIndicator.Single(s => s.Indicator == "technology_brokers");
        Assert.Equal(0, near.Matched);
        Assert.Equal(1, Scorer.Score([Gold(35.1)], predicted, docs, new HashSet<string>()).PerIndicator.Single(s => s.Indicator == "technology_brokers").Matched);
    }

    [Fact]
    public void No_source_file_names_an_indicator()
    {
        // Everything an indicator needs is in pipeline.yaml: the code names none of them.
        var ids = SharedPipeline.Config.Extraction.Indicators.Select(i => i.Id).ToList();
        Assert.NotEmpty(ids);
        var named = Directory.EnumerateFiles(TestPaths.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ids.Where(id => File.ReadAllText(f).Contains(id, StringComparison.Ordinal)).Select(id => $"{Path.GetRelativePath(TestPaths.RepoRoot, f)}: {id}"))
            .ToList();
        Assert.Empty(named);
    }
}
