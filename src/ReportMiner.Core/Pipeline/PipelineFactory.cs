using ReportMiner.Classify;
using ReportMiner.Config;
using ReportMiner.Extract;

namespace ReportMiner.Pipeline;

/// <summary>Builds the pipeline the shipped configuration describes, with every stage it names.</summary>
public static class PipelineFactory
{
    public static ReportPipeline Create(PipelineConfig config)
        => CreateBuilder(config).WithClassifier(LoadClassifier(config)).Build();

    /// <summary>A builder with every stage the configuration names except the classifier (training and cross-validation set that).</summary>
    public static ReportPipelineBuilder CreateBuilder(PipelineConfig config) => new(config);

    /// <summary>
    /// The mention classifier when <c>classifier.enabled</c> and the <c>classifier.model</c> file
    /// exists; otherwise null (rules alone).
    /// </summary>
    /// <exception cref="InvalidDataException">The model file exists but cannot be used (retrain it).</exception>
    public static IMentionClassifier? LoadClassifier(PipelineConfig config)
    {
        var c = config.Classifier;
        if (!c.Enabled || string.IsNullOrEmpty(c.Model)) return null;
        var path = config.Resolve(c.Model);
        return File.Exists(path) ? MlMentionClassifier.Load(path, config.Extraction) : null;
    }
}
