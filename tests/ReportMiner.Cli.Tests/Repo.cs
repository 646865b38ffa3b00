namespace ReportMiner.Cli.Tests;

/// <summary>Paths in the repository and a scratch folder per test.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string NewTempDir()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reportminer-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// Writes <paramref name="copies"/> copies of every txt report of the corpus into <paramref name="folder"/>,
    /// named <c>{copy}-{name}</c>, each made distinct by as many trailing line breaks as its copy number:
    /// byte-identical copies would be mined once (duplicates), and these must each be mined.
    /// </summary>
    public static void WriteDistinctCopies(string folder, int copies, string copyFormat = "D2")
    {
        foreach (var f in Directory.GetFiles(Path("corpus"), "*.txt", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(f);
            for (int copy = 0; copy < copies; copy++)
                File.WriteAllBytes(System.IO.Path.Combine(folder, $"{copy.ToString(copyFormat, System.Globalization.CultureInfo.InvariantCulture)}-{System.IO.Path.GetFileName(f)}"),
                    [.. bytes, .. Enumerable.Repeat((byte)'\n', copy)]);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ReportMiner.sln"))) return dir.FullName;
        throw new InvalidOperationException("ReportMiner.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Runs the CLI in-process and captures what it writes.</summary>
public static class Cli
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
