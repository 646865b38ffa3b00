using ReportMiner.Config;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests;

/// <summary>The shipped pipeline, built once for all tests (it is immutable).</summary>
public static class SharedPipeline
{
    private static readonly Lazy<PipelineConfig> LazyConfig = new(() =>
    {
        var loaded = PipelineConfig.Load(TestPaths.PipelineYaml);
        return loaded.Config ?? throw new InvalidOperationException(loaded.Error);
    });

    private static readonly Lazy<ReportPipeline> LazyPipeline = new(() => new ReportPipelineBuilder(LazyConfig.Value).Build());

    public static PipelineConfig Config => LazyConfig.Value;

    public static ReportPipeline Pipeline => LazyPipeline.Value;

    private static readonly Lazy<ReportPipeline> LazyRules = new(() => new ReportPipelineBuilder(LazyConfig.Value).RulesOnly().Build());

    /// <summary>The shipped pipeline without the classifier: what the rules alone extract (spec tests, so retraining cannot change them).</summary>
    public static ReportPipeline RulesOnly => LazyRules.Value;

    /// <summary>Reads a corpus file and runs the pipeline on it.</summary>
    public static DocumentResult Process(string corpusRelative) => ProcessWith(Pipeline, corpusRelative);

    /// <summary>Reads a corpus file and runs <paramref name="pipeline"/> on it.</summary>
    public static DocumentResult ProcessWith(ReportPipeline pipeline, string corpusRelative)
    {
        var bytes = File.ReadAllBytes(TestPaths.Corpus(corpusRelative));
        var read = ReportMiner.Ingest.ReaderRegistry.CreateDefault().Read(corpusRelative, bytes, Path.GetExtension(corpusRelative), ReportMiner.Ingest.IngestOptions.Default);
        Assert.True(read.Success, read.Error?.Reason);
        return pipeline.Process(read.Document!);
    }
}
