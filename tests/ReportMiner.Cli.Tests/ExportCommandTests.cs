using ReportMiner.Cli;

namespace ReportMiner.Cli.Tests;

/// <summary><c>run</c> with its batch options and the <c>export</c> verb, in-process.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rm-cli-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportMiner.sln"))) return dir.FullName;
        throw new InvalidOperationException("ReportMiner.sln not found");
    }

    private static async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Run_then_export_each_format()
    {
        var repo = RepoRoot();
        var input = Path.Combine(_root, "in");
        Directory.CreateDirectory(input);
        File.Copy(Path.Combine(repo, "corpus", "001_87709b1c34e14cd9.txt"), Path.Combine(input, "a.txt"));
        var output = Path.Combine(_root, "out");
        var config = Path.Combine(repo, "pipeline.yaml");

        var run = await Cli("run", "--input", input, "--out", output, "--config", config, "--jobs", "2");
        Assert.Equal(0, run.Code);
        Assert.Contains("1 files (0 cached)", run.Out);
        Assert.Contains("progress: 1/1 files", run.Err);   // not a terminal: plain lines
        Assert.True(File.Exists(Path.Combine(output, "mentions.xlsx")));

        var quiet = await Cli("run", "--input", input, "--out", output, "--config", config, "--quiet");
        Assert.Equal(0, quiet.Code);
        Assert.Contains("1 files (1 cached)", quiet.Out);
        Assert.Equal("", quiet.Err);

        foreach (var format in new[] { "csv", "xlsx", "sqlite" })
        {
            var to = Path.Combine(_root, "export." + format);
            var export = await Cli("export", "--from", output, "--format", format, "--to", to);
            Assert.Equal(0, export.Code);
            Assert.True(new FileInfo(to).Length > 0);
        }
        var csv = File.ReadAllBytes(Path.Combine(_root, "export.csv"));
        Assert.True(csv.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, "mentions.csv"))));
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        Assert.Equal(2, (await Cli("export", "--from", Path.Combine(_root, "missing"), "--format", "csv")).Code);
        Assert.Equal(2, (await Cli("export", "--from", _root, "--format", "pdf")).Code);
        Directory.CreateDirectory(_root);
        Assert.Equal(2, (await Cli("run", "--input", _root, "--out", Path.Combine(_root, "o"), "--jobs", "0")).Code);
    }
}
