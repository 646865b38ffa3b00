using System.Diagnostics;

namespace ReportMiner.Cli.Tests;

/// <summary>
/// A sub-folder of the input that cannot be listed is an error line (and counts in the exit
/// code), not a silent gap; the rest of the batch is mined. Root lists every folder, so as root
/// the run is made as <c>nobody</c> through util-linux's <c>setpriv</c>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class UnlistableFolderTests
{
    [ReachableByNobodyFact]
    public async Task An_unlistable_sub_folder_is_reported_and_the_rest_is_mined()
    {
        var dir = Repo.NewTempDir();
        var input = Path.Combine(dir, "in");
        var locked = Path.Combine(input, "locked");
        var output = Path.Combine(dir, "out");
        Directory.CreateDirectory(locked);
        Directory.CreateDirectory(output);
        File.Copy(Repo.Path("corpus", "001_87709b1c34e14cd9.txt"), Path.Combine(input, "a.txt"));
        File.Copy(Repo.Path("corpus", "001_87709b1c34e14cd9.txt"), Path.Combine(locked, "b.txt"));
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        foreach (var d in new[] { dir, input }) File.SetUnixFileMode(d, open);
        File.SetUnixFileMode(output, open | UnixFileMode.OtherWrite | UnixFileMode.GroupWrite);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            int exit;
            string err;
            if (Environment.UserName == "root")
                (exit, err) = await RunAsNobody("run", "--input", input, "--out", output, "--config", Repo.Path("pipeline.yaml"), "--jobs", "1");
            else
                (exit, _, err) = await Cli.RunAsync("run", "--input", input, "--out", output, "--config", Repo.Path("pipeline.yaml"), "--quiet");
            Assert.True(exit == 1, $"exit {exit}: {err}");
            var errors = File.ReadAllLines(Path.Combine(output, "errors.jsonl"));
            Assert.Single(errors);
            Assert.Contains("\"document\":\"locked/\"", errors[0]);
            Assert.Contains("folder cannot be listed", errors[0]);
            Assert.Contains("error: locked/: read: folder cannot be listed", err);
            Assert.DoesNotContain("   at ", err);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "counties"), "*.json"));
        }
        finally
        {
            File.SetUnixFileMode(locked, open);
        }
    }

    /// <summary>The CLI of this build as user <c>nobody</c>: its exit code and standard error.</summary>
    private static async Task<(int Exit, string Err)> RunAsNobody(params string[] args)
    {
        var psi = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--reuid=nobody", "--regid=nogroup", "--clear-groups", "dotnet", "exec", Path.Combine(AppContext.BaseDirectory, "reportminer.dll") }.Concat(args))
            psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = Path.GetTempPath();
        psi.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await err);
    }
}

/// <summary>
/// A fact that, as root, needs user <c>nobody</c> to reach the temp folder and the repository
/// (every folder above them searchable by others, as /tmp and a checkout are); where one is
/// not (a private TMPDIR, say), it is reported as skipped with the folder named.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReachableByNobodyFactAttribute : FactAttribute
{
    public ReachableByNobodyFactAttribute()
    {
        if (Environment.UserName != "root") return;
        foreach (var start in new[] { Path.GetTempPath(), Repo.Path("pipeline.yaml") })
            for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(start))!); dir is not null; dir = dir.Parent)
                if ((File.GetUnixFileMode(dir.FullName) & UnixFileMode.OtherExecute) == 0)
                {
                    Skip = $"skipped: user nobody cannot reach {dir.FullName} (mode without o+x); run it through make test, whose temp folder is reachable";
                    return;
                }
    }
}
