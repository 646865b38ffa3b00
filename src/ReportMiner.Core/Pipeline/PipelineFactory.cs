using ReportMiner.Classify;
using ReportMiner.Config;
using ReportMiner.County;
using ReportMiner.Extract;
using ReportMiner.Segment;

namespace ReportMiner.Pipeline;

/// <summary>Builds the pipeline the shipped configuration describes, with every stage it names.</summary>
public static class PipelineFactory
{
    public static ReportPipeline Create(PipelineConfig config)
    {
        // The data files are independent of one another: the segmenter model and the gazetteer
        // load on pool threads while this one compiles the rules (start-up is serial time in a batch).
        var tokenizerLoad = Task.Run(() => JiebaTokenizer.Load(config));
        var gazetteerLoad = Task.Run(() => GazetteerPath(config) is { } path ? GazetteerCountyResolver.Load(path) : null);
        // One rule set for both: the classifier proposes from the rules' compiled trigger matcher.
        var rules = new RuleExtractor(config.Extraction);
        // GetResult rethrows a loader's own exception (InvalidDataException for a bad model file), not an AggregateException.
        var tokenizer = tokenizerLoad.GetAwaiter().GetResult();
        var classifier = LoadClassifier(config, tokenizer, rules.Matcher);
        var builder = new ReportPipelineBuilder(config).WithTokenizer(tokenizer).WithRules(rules).WithClassifier(classifier);
        if (gazetteerLoad.GetAwaiter().GetResult() is { } resolver) builder.WithCountyResolver(resolver);
        return builder.Build();
    }

    /// <summary>A builder with every stage the configuration names except the classifier (training and cross-validation set that).</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="tokenizer">The segmenter, if already loaded.</param>
    public static ReportPipelineBuilder CreateBuilder(PipelineConfig config, ITokenizer? tokenizer = null)
    {
        var builder = new ReportPipelineBuilder(config);
        var gazetteer = GazetteerPath(config);
        if (gazetteer is not null) builder.WithCountyResolver(GazetteerCountyResolver.Load(gazetteer));
        return builder.WithTokenizer(tokenizer ?? JiebaTokenizer.Load(config));
    }

    /// <summary>The configured gazetteer file when it exists (county.gazetteer), else null (regex-only resolution).</summary>
    public static string? GazetteerPath(PipelineConfig config)
    {
        if (string.IsNullOrEmpty(config.County.Gazetteer)) return null;
        var path = config.Resolve(config.County.Gazetteer);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// The mention classifier when <c>classifier.enabled</c> and the <c>classifier.model</c> file
    /// exists; otherwise null (rules alone).
    /// </summary>
    /// <param name="config">The configuration.</param>
    /// <param name="tokenizer">The segmenter, if already loaded (the classifier's features use its words).</param>
    /// <param name="matcher">The rules' trigger matcher, to share (else the classifier builds its own).</param>
    /// <exception cref="InvalidDataException">The model file exists but cannot be used (retrain it).</exception>
    public static IMentionClassifier? LoadClassifier(PipelineConfig config, ITokenizer? tokenizer = null, TriggerMatcher? matcher = null)
    {
        var c = config.Classifier;
        if (!c.Enabled || string.IsNullOrEmpty(c.Model)) return null;
        var path = config.Resolve(c.Model);
        if (!File.Exists(path)) return null;
        var finder = matcher is null ? new ProposalFinder(config.Extraction) : new ProposalFinder(matcher);
        return MlMentionClassifier.Load(path, finder, tokenizer ?? JiebaTokenizer.Load(config));
    }
}
