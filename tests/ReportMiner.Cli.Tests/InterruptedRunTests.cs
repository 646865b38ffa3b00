using System.Diagnostics;
using System.Text.Json;

namespace ReportMiner.Cli.Tests;

/// <summary>
/// A run killed midway leaves the previous outputs intact (each file old or new, never half
/// written) and the cache readable, and the next run finishes normally.
/// </summary>
public class InterruptedRunTests
{
    private static Process Start(string input, string output, params string[] extra)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "reportminer.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", dll, "run", "--input", input, "--out", output, "--config", Repo.Path("pipeline.yaml"), "--quiet", "--jobs", "1" }.Concat(extra))
            psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    private static int RunToEnd(string input, string output, params string[] extra)
    {
        using var p = Start(input, output, extra);
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode;
    }

    private static Dictionary<string, byte[]> Snapshot(string outDir)
        => Directory.GetFiles(Path.Combine(outDir, "counties"), "*.json").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    [Fact]
    public void Killed_run_leaves_outputs_whole_and_cache_readable()
    {
        var input = Repo.NewTempDir();
        Repo.WriteDistinctCopies(input, 8, "D1");
        var output = Repo.NewTempDir();
        Assert.Equal(0, RunToEnd(input, output));
        var before = Snapshot(output);

        // Change the input so that a finished run would rewrite outputs, then kill runs at several moments.
        File.AppendAllText(Path.Combine(input, "0-001_87709b1c34e14cd9.txt"), "\n全县新增高新技术企业12家。\n");
        var after = Repo.NewTempDir();
        foreach (var f in Directory.GetFiles(input)) File.Copy(f, Path.Combine(after, Path.GetFileName(f)));
        var reference = Repo.NewTempDir();
        Assert.Equal(0, RunToEnd(after, reference));
        var expectedNew = Snapshot(reference);

        foreach (var delay in new[] { 150, 400, 900, 1600 })
        {
            using var p = Start(input, output, "--force");
            Thread.Sleep(delay);
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            p.WaitForExit();
            foreach (var (name, bytes) in Snapshot(output))
            {
                bool old = before.TryGetValue(name, out var o) && o.AsSpan().SequenceEqual(bytes);
                bool updated = expectedNew.TryGetValue(name, out var n) && n.AsSpan().SequenceEqual(bytes);
                Assert.True(old || updated, $"{name} is neither the previous nor the new output after a kill at {delay} ms");
            }
            var cache = Path.Combine(output, ".cache", ReportMiner.Pipeline.ResultCache.FileName);
            if (File.Exists(cache))
            {
                // Every record before a torn tail is a whole JSON result.
                using var log = File.OpenRead(cache);
                var index = new Dictionary<string, (long Offset, int Length)>();
                ReportMiner.Pipeline.ResultCache.Scan(log, index);
                foreach (var (offset, length) in index.Values)
                {
                    var payload = new byte[length];
                    log.Position = offset;
                    log.ReadExactly(payload);
                    using (JsonDocument.Parse(payload)) { }
                }
            }
        }

        // The next run completes and gives exactly the new output.
        Assert.Equal(0, RunToEnd(input, output));
        var final = Snapshot(output);
        Assert.Equal(expectedNew.Keys.Order(), final.Keys.Order());
        foreach (var (name, bytes) in expectedNew) Assert.Equal(bytes, final[name]);
    }
}

public class LeftoverTests
{
    [Fact]
    public async Task Temporary_files_of_a_killed_run_are_removed_by_the_next_run()
    {
        var input = Repo.NewTempDir();
        File.Copy(Repo.Path("corpus", "001_87709b1c34e14cd9.txt"), Path.Combine(input, "a.txt"));
        var output = Repo.NewTempDir();
        Directory.CreateDirectory(Path.Combine(output, "counties"));
        var leftover = Path.Combine(output, "counties", ".x.json.1234abcd.tmp");
        await File.WriteAllTextAsync(leftover, "{ half");
        var (exit, _, err) = await Cli.RunAsync("run", "--input", input, "--out", output, "--config", Repo.Path("pipeline.yaml"), "--quiet");
        Assert.True(exit == 0, err);
        Assert.False(File.Exists(leftover));
    }
}
