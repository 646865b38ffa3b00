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

    /// <summary>Reads a corpus file and runs the pipeline on it.</summary>
    public static DocumentResult Process(string corpusRelative)
    {
        var bytes = File.ReadAllBytes(TestPaths.Corpus(corpusRelative));
        var read = ReportMiner.Ingest.ReaderRegistry.CreateDefault().Read(corpusRelative, bytes, Path.GetExtension(corpusRelative), ReportMiner.Ingest.IngestOptions.Default);
        Assert.True(read.Success, read.Error?.Reason);
        return Pipeline.Process(read.Document!);
    }
}
