using System.Runtime.InteropServices;

namespace ReportMiner.Cli.Tests;

/// <summary>
/// A folder of good reports plus hostile files (tests/fixtures/hostile, made by the make-*.py
/// generators there, and a few made here): the run ends with exit 1, every hostile file is in
/// errors.jsonl with a reason, and the good reports' outputs are byte-identical to a run
/// without the hostile files. Runs with worker processes, as <c>run</c> does by default.
/// </summary>
[ReportMiner.Testing.StartsEarly]
public class HostileInputTests
{
    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);

    /// <summary>A copy of the shipped pipeline.yaml with tighter worker limits, beside a link to models/.</summary>
    internal static string TightConfig(string dir, int memoryMb = 96, int timeoutSeconds = 30)
    {
        var yaml = File.ReadAllText(Repo.Path("pipeline.yaml"))
            .Replace("timeout_seconds: 120", $"timeout_seconds: {timeoutSeconds}")
            .Replace("worker_memory_mb: 512", $"worker_memory_mb: {memoryMb}");
        Directory.CreateDirectory(dir);
        Directory.CreateSymbolicLink(Path.Combine(dir, "models"), Repo.Path("models"));
        var path = Path.Combine(dir, "pipeline.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static Dictionary<string, byte[]> Outputs(string outDir)
    {
        var files = Directory.GetFiles(Path.Combine(outDir, "counties"), "*.json").ToDictionary(f => "counties/" + Path.GetFileName(f), File.ReadAllBytes);
        files["mentions.csv"] = File.ReadAllBytes(Path.Combine(outDir, "mentions.csv"));
        return files;
    }

    [Fact]
    public async Task Hostile_files_cost_exactly_themselves()
    {
        var root = Repo.NewTempDir();
        var config = TightConfig(Path.Combine(root, "config"));
        var good = Path.Combine(root, "good");
        Directory.CreateDirectory(good);
        foreach (var f in Directory.GetFiles(Repo.Path("corpus"), "*.txt"))
            File.Copy(f, Path.Combine(good, Path.GetFileName(f)));
        var mixed = Path.Combine(root, "mixed");
        Directory.CreateDirectory(mixed);
        foreach (var f in Directory.GetFiles(good)) File.Copy(f, Path.Combine(mixed, Path.GetFileName(f)));
        var hostile = new List<string>();
        foreach (var f in Directory.GetFiles(Repo.Path("tests", "fixtures", "hostile"), "*.*").Where(f => !f.EndsWith(".py", StringComparison.Ordinal)))
        {
            File.Copy(f, Path.Combine(mixed, Path.GetFileName(f)));
            hostile.Add(Path.GetFileName(f));
        }
        // 3 MB of text: a worker (over the in-process size), which 96 MB of heap cannot mine.
        var line = "全县新增高新技术企业12家,科技型中小企业入库35家,研发经费投入4.61亿元。\n";
        File.WriteAllText(Path.Combine(mixed, "big.txt"), string.Concat(Enumerable.Repeat(line, 3 * 1024 * 1024 / System.Text.Encoding.UTF8.GetByteCount(line))));
        hostile.Add("big.txt");
        Assert.Equal(0, mkfifo(Path.Combine(mixed, "fifo.txt"), Convert.ToUInt32("644", 8)));
        hostile.Add("fifo.txt");
        File.WriteAllBytes(Path.Combine(mixed, "garbage.pdf"), [.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251))]);
        hostile.Add("garbage.pdf");

        var clean = Path.Combine(root, "out-clean");
        var (exitClean, _, errClean) = await Cli.RunAsync("run", "--input", good, "--out", clean, "--config", config, "--quiet", "--jobs", "2");
        Assert.True(exitClean == 0, errClean);
        var dirty = Path.Combine(root, "out-mixed");
        var (exit, _, err) = await Cli.RunAsync("run", "--input", mixed, "--out", dirty, "--config", config, "--quiet", "--jobs", "2");
        Assert.True(exit == 1, err);
        Assert.DoesNotContain("Unhandled", err);

        var errors = File.ReadAllLines(Path.Combine(dirty, "errors.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("document").GetString()!, e => e.GetProperty("reason").GetString()!);
        foreach (var name in hostile)
        {
            Assert.True(errors.TryGetValue(name, out var reason), $"{name} is not in errors.jsonl: {string.Join(", ", errors.Keys)}");
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
        Assert.Contains("stack", errors["resources-cycle.pdf"]);
        Assert.Equal(hostile.Count, errors.Count);

        var expected = Outputs(clean);
        var actual = Outputs(dirty);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, bytes) in expected) Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs from the run without hostile files");
        Directory.Delete(root, recursive: true);
    }
}
