namespace ReportMiner.Cli.Tests;

public class UsageTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("extract")]
    [InlineData("eval")]
    [InlineData("merge")]
    public async Task Every_verb_has_help(string verb)
    {
        var (exit, stdout, _) = await Cli.RunAsync(verb, "--help");
        Assert.Equal(0, exit);
        Assert.Contains("Usage:", stdout);
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error()
    {
        var (exit, _, stderr) = await Cli.RunAsync("run", "--no-such-option");
        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("reportminer:", stderr);
    }

    [Fact]
    public async Task Missing_input_folder_is_a_usage_error_naming_it()
    {
        var (exit, _, stderr) = await Cli.RunAsync("run", "--input", "/nonexistent/reports", "--out", Repo.NewTempDir());
        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("/nonexistent/reports", stderr);
    }

    [Fact]
    public async Task Batch_with_a_bad_file_exits_1_and_keeps_the_good_ones()
    {
        var input = Repo.NewTempDir();
        File.Copy(Repo.Path("corpus", "001_87709b1c34e14cd9.txt"), Path.Combine(input, "good.txt"));
        await File.WriteAllBytesAsync(Path.Combine(input, "bad.txt"), [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x03, 0x04, 0x05, 0x06]);
        var outDir = Repo.NewTempDir();
        var (exit, _, stderr) = await Cli.RunAsync("run", "--input", input, "--out", outDir, "--config", Repo.Path("pipeline.yaml"));
        Assert.Equal(CliApp.ExitSomeFailed, exit);
        Assert.Contains("bad.txt", stderr);
        Assert.Contains("bad.txt", await File.ReadAllTextAsync(Path.Combine(outDir, "errors.jsonl")));
        Assert.Contains(Directory.GetFiles(Path.Combine(outDir, "counties")), f => File.ReadAllText(f).Contains("good.txt"));
    }
}
