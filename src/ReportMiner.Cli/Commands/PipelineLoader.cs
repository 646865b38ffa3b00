using System.CommandLine;
using ReportMiner.Config;
using ReportMiner.Pipeline;

namespace ReportMiner.Cli.Commands;

/// <summary>The <c>--config</c> option and turning it into a built pipeline.</summary>
internal static class PipelineLoader
{
    public static Option<FileInfo?> ConfigOption() => new("--config", "-c")
    {
        Description = "pipeline.yaml to use (default: the one shipped with reportminer)",
    };

    /// <summary>Loads the config, or writes why not and returns null.</summary>
    public static PipelineConfig? LoadConfig(FileInfo? file, TextWriter error)
    {
        var path = file?.FullName ?? PipelineConfig.FindDefault();
        if (path is null)
        {
            error.WriteLine("reportminer: no pipeline.yaml found next to the executable; pass --config FILE");
            return null;
        }
        if (!File.Exists(path))
        {
            error.WriteLine($"reportminer: {path}: no such file");
            return null;
        }
        var loaded = PipelineConfig.Load(path);
        if (loaded.Error is not null)
        {
            error.WriteLine($"reportminer: {loaded.Error}");
            return null;
        }
        // Missing data files are found here, in one line, rather than as an exception while loading.
        if (loaded.Config!.MissingFiles() is [var first, ..])
        {
            error.WriteLine($"reportminer: {path}: {first}");
            return null;
        }
        return loaded.Config;
    }

    /// <summary>The pipeline, or null after writing why a model file named by the config cannot be used.</summary>
    public static ReportPipeline? Build(PipelineConfig config, TextWriter error)
    {
        try
        {
            return new ReportPipelineBuilder(config).Build();
        }
        catch (InvalidDataException ex)
        {
            error.WriteLine($"reportminer: {ex.Message}");
            return null;
        }
    }
}
