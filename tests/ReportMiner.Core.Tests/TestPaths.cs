namespace ReportMiner.Core.Tests;

/// <summary>Finds files of the repository (corpus, pipeline.yaml) from the test's output folder.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Corpus(string relative) => Path.Combine(RepoRoot, "corpus", relative);

    public static string Combine(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    public static string PipelineYaml => Path.Combine(RepoRoot, "pipeline.yaml");

    /// <summary>Copies the corpus files <paramref name="names"/> (paths relative to corpus/) into <paramref name="folder"/>, keeping their sub-folders.</summary>
    public static void CopyCorpusFiles(string folder, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            var target = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Combine("corpus", name), target);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportMiner.sln"))) return dir.FullName;
        throw new InvalidOperationException("ReportMiner.sln not found above " + AppContext.BaseDirectory);
    }
}
