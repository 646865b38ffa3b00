using ReportMiner.Config;
using ReportMiner.Export;

namespace ReportMiner.Cli.Commands;

/// <summary>What the verbs that write from a run's output folder (export, report) share: read the folder and the config.</summary>
internal static class OutputFolderReader
{
    /// <summary>
    /// The config (the panel's checks take their options from pipeline.yaml, output.panel, as run's do) and the
    /// folder's data; or, after one line on <paramref name="error"/>, the exit code: usage for a bad config,
    /// some-failed for a county file that cannot be read.
    /// </summary>
    public static (PipelineConfig? Config, ExportData? Data, int Exit) Read(string dir, FileInfo? configFile, TextWriter error)
    {
        var cfg = PipelineLoader.LoadConfig(configFile, error);
        if (cfg is null) return (null, null, CliApp.ExitUsage);
        try
        {
            return (cfg, OutputReader.Read(dir), CliApp.ExitOk);
        }
        catch (InvalidDataException ex)
        {
            error.WriteLine($"reportminer: {ex.Message}");
            return (null, null, CliApp.ExitSomeFailed);
        }
    }
}
