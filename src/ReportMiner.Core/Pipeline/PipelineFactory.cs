using ReportMiner.Config;
using ReportMiner.County;
using ReportMiner.Segment;

namespace ReportMiner.Pipeline;

/// <summary>Builds the pipeline the shipped configuration describes, with every stage it names.</summary>
public static class PipelineFactory
{
    public static ReportPipeline Create(PipelineConfig config)
    {
        var builder = new ReportPipelineBuilder(config);
        var gazetteer = GazetteerPath(config);
        if (gazetteer is not null) builder.WithCountyResolver(GazetteerCountyResolver.Load(gazetteer));
        builder.WithTokenizer(JiebaTokenizer.Load(config));
        return builder.Build();
    }

    /// <summary>The configured gazetteer file when it exists (county.gazetteer), else null (regex-only resolution).</summary>
    public static string? GazetteerPath(PipelineConfig config)
    {
        if (string.IsNullOrEmpty(config.County.Gazetteer)) return null;
        var path = config.Resolve(config.County.Gazetteer);
        return File.Exists(path) ? path : null;
    }
}
