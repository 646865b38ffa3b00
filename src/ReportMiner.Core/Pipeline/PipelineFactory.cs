using ReportMiner.Config;
using ReportMiner.Segment;

namespace ReportMiner.Pipeline;

/// <summary>Builds the pipeline the shipped configuration describes, with every stage it names.</summary>
public static class PipelineFactory
{
    public static ReportPipeline Create(PipelineConfig config)
    {
        var builder = new ReportPipelineBuilder(config);
        builder.WithTokenizer(JiebaTokenizer.Load(config));
        return builder.Build();
    }
}
