using System.Diagnostics;
using System.Text.Json;

namespace ReportMiner.Cli.Tests;

/// <summary>
/// A run killed midway leaves the previous outputs intact (each file old or new, never half
/// written) and the cache readable, and the next run finishes normally.
/// </summary>
[ReportMiner.Testing.StartsEarly]
public class InterruptedRunTests
{
    /// <summary>Starts `run` as a process printing plain progress lines (one per tenth of the files) on stderr.</summary>
    private static Process Start(string input, string output, params string[] extra)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "reportminer.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", dll, "run", "--input", input, "--out", output, "--config", Repo.Path("pipeline.yaml"), "--jobs", "1" }.Concat(extra))
            psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>A whole run in this process (the runs around the killed ones: same code, no process to start).</summary>
    private static async Task RunToEnd(string input, string output)
    {
        var (exit, _, err) = await Cli.RunAsync("run", "--input", input, "--out", output, "--config", Repo.Path("pipeline.yaml"), "--quiet", "--jobs", "1");
        Assert.True(exit == 0, err);
    }

    private static Dictionary<string, byte[]> Snapshot(string outDir)
        => Directory.GetFiles(Path.Combine(outDir, "counties"), "*.json").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    /// <summary>Where a run is killed: each names a point of the run read from the run itself, not from a clock.</summary>
    public enum KillPoint
    {
        /// <summary>As soon as it holds the output folder's lock: loading the pipeline (the lock is left behind).</summary>
        Starting,
        /// <summary>Just after its first progress line: mining, results going to the cache and the county spool.</summary>
        Mining,
        /// <summary>After its last progress line (every file mined), as soon as one of its temporary output files is seen: while it publishes.</summary>
        Publishing,
    }

    /// <summary>Starts a run and kills it at <paramref name="point"/> (or lets it end when it gets there first).</summary>
    private static async Task KillAt(string input, string output, KillPoint point)
    {
        using var p = Start(input, output, "--force");
        _ = p.StandardOutput.ReadToEndAsync();
        if (point == KillPoint.Starting)
        {
            var lockFile = Path.Combine(output, ReportMiner.Output.OutputLock.FileName);
            while (!p.HasExited && !HeldBy(lockFile, p.Id)) Thread.Yield();
        }
        else
        {
            // The last progress line reads "progress: N/N files (C cached)".
            static bool Last(string line) => line.Split(' ')[1].Split('/') is [var done, var total] && done == total;
            for (var line = await p.StandardError.ReadLineAsync(); line is not null; line = await p.StandardError.ReadLineAsync())
                if (line.StartsWith("progress:", StringComparison.Ordinal) && (point == KillPoint.Mining || Last(line))) break;
            if (point == KillPoint.Publishing)
            {
                var earlier = TempFiles(output);
                while (!p.HasExited && TempFiles(output).All(earlier.Contains)) Thread.Yield();
            }
        }
        if (!p.HasExited) p.Kill(entireProcessTree: true);
        await p.WaitForExitAsync();
        _ = p.StandardError.ReadToEndAsync();
    }

    private static HashSet<string> TempFiles(string folder) => Directory.EnumerateFiles(folder, "*.tmp", SearchOption.AllDirectories).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="lockFile"/> names the process <paramref name="pid"/> as its holder.</summary>
    private static bool HeldBy(string lockFile, int pid)
    {
        try
        {
            return File.Exists(lockFile) && JsonDocument.Parse(File.ReadAllText(lockFile)).RootElement.GetProperty("pid").GetInt32() == pid;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return false;   // being written or removed
        }
    }

    [Fact]
    public async Task Killed_run_leaves_outputs_whole_and_cache_readable()
    {
        // 330 files of the corpus's txt reports (3 distinct copies of each).
        var input = Repo.NewTempDir();
        Repo.WriteDistinctCopies(input, 3, "D1");
        var output = Repo.NewTempDir();
        await RunToEnd(input, output);
        var before = Snapshot(output);

        // Change the input so that a finished run would rewrite outputs, then kill runs at several points.
        File.AppendAllText(Path.Combine(input, "0-001_87709b1c34e14cd9.txt"), "\n全县新增高新技术企业12家。\n");
        var reference = Repo.NewTempDir();
        await RunToEnd(input, reference);
        var expectedNew = Snapshot(reference);
        Assert.Contains(expectedNew, f => !before.TryGetValue(f.Key, out var o) || !o.AsSpan().SequenceEqual(f.Value));

        foreach (var point in Enum.GetValues<KillPoint>())
        {
            await KillAt(input, output, point);
            foreach (var (name, bytes) in Snapshot(output))
            {
                bool old = before.TryGetValue(name, out var o) && o.AsSpan().SequenceEqual(bytes);
                bool updated = expectedNew.TryGetValue(name, out var n) && n.AsSpan().SequenceEqual(bytes);
                Assert.True(old || updated, $"{name} is neither the previous nor the new output after a kill ({point})");
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
        await RunToEnd(input, output);
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
