namespace ReportMiner.Output;

/// <summary>
/// Checks an output folder before a run mines anything, so that a folder that cannot take the
/// outputs is reported at once, in one line naming the path and what to do, instead of after
/// every file was mined (or with a stack trace).
/// </summary>
public static class OutputFolder
{
    /// <summary>Names in the folder that must be folders, and files that must be files.</summary>
    private static readonly string[] Folders = ["counties", ".cache"];
    private static readonly string[] Files = ["errors.jsonl", "mentions.csv", "mentions.xlsx", "reportminer.sqlite", "report.html"];

    /// <summary>Creates the folder if needed; returns null when a run can write there, else the problem.</summary>
    public static string? Prepare(string directory)
    {
        if (File.Exists(directory))
            return $"--out {directory}: is a file, not a folder; give a folder (it is created if missing)";
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"--out {directory}: cannot create the folder ({ex.Message}); check the path and its permissions";
        }
        foreach (var name in Folders)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
                return $"{path}: is a file where the run writes a folder; move or delete it";
        }
        foreach (var name in Files)
        {
            var path = Path.Combine(directory, name);
            if (Directory.Exists(path))
                return $"{path}: is a folder where the run writes a file; move or delete it";
        }
        foreach (var dir in new[] { directory, Path.Combine(directory, "counties"), Path.Combine(directory, ".cache") })
        {
            if (!Directory.Exists(dir)) continue;
            if (Unwritable(dir) is { } why)
                return $"{dir}: cannot write there ({why}); make it writable or choose another --out";
        }
        return null;
    }

    /// <summary>Why a probe file cannot be created in <paramref name="dir"/>, or null.</summary>
    private static string? Unwritable(string dir)
    {
        var probe = Path.Combine(dir, ".write-probe." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex is UnauthorizedAccessException ? "permission denied" : ex.Message;
        }
    }
}
