namespace ReportMiner.Tests.Ingest;

/// <summary>Locates the repository's fixtures (tests/fixtures/formats, corpus) from the test binary.</summary>
internal static class Fixtures
{
    public static string RepoRoot => ReportMiner.Core.Tests.TestPaths.RepoRoot;

    public static string FormatsDir => Path.Combine(RepoRoot, "tests", "fixtures", "formats");

    public static byte[] Format(string name) => File.ReadAllBytes(Path.Combine(FormatsDir, name));

    /// <summary>The source text of a corpus document (e.g. <c>000_971f75f910563c26</c>).</summary>
    public static string Source(string stem) => File.ReadAllText(Path.Combine(RepoRoot, "corpus", stem + ".txt"));
}
