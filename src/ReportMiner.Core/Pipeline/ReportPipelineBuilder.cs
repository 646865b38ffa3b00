using ReportMiner.Classify;
using ReportMiner.Config;
using ReportMiner.County;
using ReportMiner.Extract;
using ReportMiner.Normalise;
using ReportMiner.Segment;
using ReportMiner.Structure;

namespace ReportMiner.Pipeline;

/// <summary>
/// The one way to build a <see cref="ReportPipeline"/>: from a <see cref="PipelineConfig"/>,
/// loading every data file it names (character table, segmenter, gazetteer, classifier model)
/// once. A stage given with a <c>With…</c> call is used instead of loading it (training uses a
/// pipeline without classifier; tests swap stages).
/// </summary>
public sealed class ReportPipelineBuilder
{
    private readonly PipelineConfig _config;
    private ITokenizer? _tokenizer;
    private ICountyResolver? _county;
    private IMentionClassifier? _classifier;
    private bool _classifierGiven;

    public ReportPipelineBuilder(PipelineConfig config) => _config = config;

    /// <summary>Uses this segmenter instead of loading <c>segmenter.model</c>.</summary>
    public ReportPipelineBuilder WithTokenizer(ITokenizer tokenizer) { _tokenizer = tokenizer; return this; }

    /// <summary>Uses this resolver instead of the <c>county.gazetteer</c> one.</summary>
    public ReportPipelineBuilder WithCountyResolver(ICountyResolver resolver) { _county = resolver; return this; }

    /// <summary>Uses this classifier (null: the rules decide alone) instead of loading <c>classifier.model</c>.</summary>
    public ReportPipelineBuilder WithClassifier(IMentionClassifier? classifier) { _classifier = classifier; _classifierGiven = true; return this; }

    /// <summary>The rules decide alone, whatever <c>classifier</c> says (training builds on their candidates).</summary>
    public ReportPipelineBuilder RulesOnly() => WithClassifier(null);

    /// <summary>Builds the pipeline.</summary>
    /// <exception cref="InvalidDataException">The classifier model file exists but cannot be used (retrain it).</exception>
    public ReportPipeline Build()
    {
        // The data files are independent of one another: the segmenter model and the gazetteer
        // load on pool threads while this one compiles the rules (start-up is serial time in a batch).
        var tokenizerLoad = _tokenizer is { } given ? Task.FromResult(given) : Task.Run(() => (ITokenizer)JiebaTokenizer.Load(_config.SegmenterOptions()));
        var countyLoad = _county is { } resolver ? Task.FromResult(resolver)
            : Task.Run(() => GazetteerPath(_config) is { } path ? GazetteerCountyResolver.Load(path) : (ICountyResolver)new PatternCountyResolver());
        var t2sPath = _config.Normalise.TraditionalTable;
        var t2s = string.IsNullOrEmpty(t2sPath) ? TraditionalToSimplified.None : TraditionalToSimplified.Load(_config.Resolve(t2sPath));
        var normalizer = new TextNormalizer(_config.Normalise, t2s);
        var splitter = new ReportSplitter(StructureOptionsFor(_config.Extraction.Cues));
        // One rule set for both: the classifier proposes from the rules' compiled trigger matcher.
        var rules = new RuleExtractor(_config.Extraction);
        // GetResult rethrows a loader's own exception (InvalidDataException for a bad model file), not an AggregateException.
        var tokenizer = tokenizerLoad.GetAwaiter().GetResult();
        var classifier = _classifierGiven ? _classifier : LoadClassifier(_config, tokenizer, rules.Matcher);
        return new ReportPipeline(_config, normalizer, splitter, rules, tokenizer, countyLoad.GetAwaiter().GetResult(), classifier);
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
    /// <param name="tokenizer">The segmenter (the classifier's features use its words).</param>
    /// <param name="matcher">The rules' trigger matcher, to share (else the classifier builds its own).</param>
    /// <exception cref="InvalidDataException">The model file exists but cannot be used (retrain it).</exception>
    public static IMentionClassifier? LoadClassifier(PipelineConfig config, ITokenizer tokenizer, TriggerMatcher? matcher = null)
    {
        var c = config.Classifier;
        if (!c.Enabled || string.IsNullOrEmpty(c.Model)) return null;
        var path = config.Resolve(c.Model);
        if (!File.Exists(path)) return null;
        var finder = matcher is null ? new ProposalFinder(config.Extraction) : new ProposalFinder(matcher);
        return MlMentionClassifier.Load(path, finder, config.Extraction.Features, tokenizer);
    }

    /// <summary>The section and period words of <c>extraction.cues</c>, for the structure stage.</summary>
    public static StructureOptions StructureOptionsFor(CueOptions cues)
        => new(cues.PlanHeadings, cues.SummaryHeadings, cues.ProblemHeadings, cues.PlanTitles)
        {
            IntroIgnore = cues.IntroIgnore,
            PlanIntro = cues.PlanIntro,
            PlanTitleBlockers = cues.PlanTitleBlockers,
            NextYearHeadings = cues.NextYearHeadings,
            SameYearHeadings = cues.SameYearHeadings,
            HalfYearTitles = cues.HalfYearTitles,
            HalfYearHeads = cues.HalfYearHeads,
            FirstQuarterWords = cues.FirstQuarterWords,
        };
}
