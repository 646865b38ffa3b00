using ReportMiner.Config;
using ReportMiner.County;
using ReportMiner.Extract;
using ReportMiner.Normalise;
using ReportMiner.Segment;
using ReportMiner.Structure;

namespace ReportMiner.Pipeline;

/// <summary>
/// Builds a <see cref="ReportPipeline"/> from a <see cref="PipelineConfig"/>: loads the data
/// files it names (character tables, dictionaries, models) once. Stages can be swapped
/// before <see cref="Build"/> (tests use this).
/// </summary>
public sealed class ReportPipelineBuilder
{
    private readonly PipelineConfig _config;
    private ITokenizer? _tokenizer;
    private bool _tokenizerSet;
    private ICountyResolver? _county;
    private IMentionClassifier? _classifier;
    private bool _classifierSet;
    private RuleExtractor? _rules;

    public ReportPipelineBuilder(PipelineConfig config) => _config = config;

    public ReportPipelineBuilder WithTokenizer(ITokenizer? tokenizer) { _tokenizer = tokenizer; _tokenizerSet = true; return this; }

    public ReportPipelineBuilder WithCountyResolver(ICountyResolver resolver) { _county = resolver; return this; }

    public ReportPipelineBuilder WithClassifier(IMentionClassifier? classifier) { _classifier = classifier; _classifierSet = true; return this; }

    /// <summary>Uses these rules (so a classifier can share their compiled trigger matcher) instead of building them.</summary>
    public ReportPipelineBuilder WithRules(RuleExtractor rules) { _rules = rules; return this; }

    public ReportPipeline Build()
    {
        var t2sPath = _config.Normalise.TraditionalTable;
        var t2s = string.IsNullOrEmpty(t2sPath) ? TraditionalToSimplified.None : TraditionalToSimplified.Load(_config.Resolve(t2sPath));
        var normalizer = new TextNormalizer(_config.Normalise, t2s);
        var cues = _config.Extraction.Cues;
        var splitter = new ReportSplitter(new StructureOptions(cues.PlanHeadings, cues.SummaryHeadings, cues.ProblemHeadings, cues.PlanTitles));
        var rules = _rules ?? new RuleExtractor(_config.Extraction);
        var tokenizer = _tokenizerSet ? _tokenizer : null;
        var classifier = _classifierSet ? _classifier : null;
        return new ReportPipeline(_config, normalizer, splitter, rules, tokenizer, _county ?? new PatternCountyResolver(), classifier);
    }
}
