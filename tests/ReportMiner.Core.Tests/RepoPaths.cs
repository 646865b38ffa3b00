namespace ReportMiner.Core.Tests;

/// <summary>Files of the repository the tests read (the shipped gazetteer, corpus samples).</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding ReportMiner.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportMiner.sln"))) return dir.FullName;
        throw new InvalidOperationException("ReportMiner.sln not found above " + AppContext.BaseDirectory);
    }
}
