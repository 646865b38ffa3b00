using ReportMiner.Output;

namespace ReportMiner.Cli.Commands;

/// <summary>What every verb that writes an output folder (run, merge) does first: check the folder, then lock it for this run.</summary>
internal static class OutputFolderGuard
{
    /// <summary>The held lock, or null after one line on <paramref name="error"/> saying why the folder cannot be used (exit 2).</summary>
    public static OutputLock? Lock(string outDir, TextWriter error)
    {
        if (OutputFolder.Prepare(outDir) is { } problem)
        {
            error.WriteLine($"reportminer: {problem}");
            return null;
        }
        try
        {
            return OutputLock.Acquire(outDir);
        }
        catch (OutputLockedException ex)
        {
            error.WriteLine($"reportminer: {ex.Message}");
            return null;
        }
    }
}
