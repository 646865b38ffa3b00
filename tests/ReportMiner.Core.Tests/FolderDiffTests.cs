using ReportMiner.Testing;

namespace ReportMiner.Core.Tests;

public sealed class FolderDiffTests : IDisposable
{
    private readonly TempFolder _dir = new("reportminer-diff");

    public void Dispose() => _dir.Dispose();

    private (string Expected, string Actual) Folders(Action<string> changeActual)
    {
        var expected = _dir.Combine("expected");
        var actual = _dir.Combine("actual");
        foreach (var d in new[] { expected, actual })
        {
            Directory.CreateDirectory(d);
            File.WriteAllText(Path.Combine(d, "a.json"), "{\n  \"value\": 1,\n  \"unit\": \"count\"\n}\n");
        }
        changeActual(actual);
        return (expected, actual);
    }

    [Fact]
    public void Equal_folders_pass()
    {
        var (expected, actual) = Folders(_ => { });
        FolderDiff.AssertSameFiles(expected, actual, "*.json");
    }

    [Fact]
    public void A_changed_line_is_shown()
    {
        var (expected, actual) = Folders(d => File.WriteAllText(Path.Combine(d, "a.json"), "{\n  \"value\": 2,\n  \"unit\": \"count\"\n}\n"));
        var ex = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => FolderDiff.AssertSameFiles(expected, actual, "*.json"));
        Assert.Contains("a.json differs", ex.Message);
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("-   \"value\": 1,", ex.Message);
        Assert.Contains("+   \"value\": 2,", ex.Message);
    }

    [Fact]
    public void Extra_and_missing_files_are_named()
    {
        var (expected, actual) = Folders(d =>
        {
            File.WriteAllText(Path.Combine(d, "extra.json"), "{}");
            File.Move(Path.Combine(d, "a.json"), Path.Combine(d, "b.json"));
        });
        var ex = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => FolderDiff.AssertSameFiles(expected, actual, "*.json"));
        Assert.Contains("missing from", ex.Message);
        Assert.Contains("a.json", ex.Message);
        Assert.Contains("extra.json", ex.Message);
        Assert.Contains("b.json", ex.Message);
    }
}
