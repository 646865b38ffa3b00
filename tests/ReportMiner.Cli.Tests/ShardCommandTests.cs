namespace ReportMiner.Cli.Tests;

/// <summary><c>run --shard K/N</c> and <c>merge</c> from the command line: the round trip, usage errors and a refusal as one line.</summary>
public sealed class ShardCommandTests : IDisposable
{
    private readonly string _root = Repo.NewTempDir();

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string Input()
    {
        var input = Path.Combine(_root, "input");
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        foreach (var name in new[] { "000_971f75f910563c26.txt", "001_87709b1c34e14cd9.txt", "002_6df9cd8cc85e8b20.txt" })
            File.Copy(Repo.Path("corpus", name), Path.Combine(input, name));
        File.Copy(Repo.Path("corpus", "003_356c60abb3feb7ae.txt"), Path.Combine(input, "sub", "003.txt"));
        File.WriteAllBytes(Path.Combine(input, "sub", "bad.txt"), [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x03, 0x04, 0x05, 0x06]);
        return input;
    }

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args)
        => Cli.RunAsync([.. args, "--config", Repo.Path("pipeline.yaml")]);

    [Fact]
    public async Task Two_shards_merged_on_the_command_line_equal_one_run()
    {
        var input = Input();
        var single = Path.Combine(_root, "single");
        Assert.Equal(CliApp.ExitSomeFailed, (await Run("run", "--input", input, "--out", single, "--quiet")).Exit);
        var shards = new List<string>();
        for (int k = 1; k <= 2; k++)
        {
            var dir = Path.Combine(_root, $"shard-{k}");
            var (exit, stdout, _) = await Run("run", "--input", input, "--out", dir, "--quiet", "--shard", $"{k}/2");
            Assert.True(exit is CliApp.ExitOk or CliApp.ExitSomeFailed);
            Assert.StartsWith($"shard {k}/2: ", stdout);
            shards.Add(dir);
        }
        var merged = Path.Combine(_root, "merged");
        var (mergeExit, mergeOut, _) = await Run(["merge", "--out", merged, .. shards]);
        Assert.Equal(CliApp.ExitSomeFailed, mergeExit);   // bad.txt failed, as in the single run
        Assert.Contains("merged 2 shards: 5 files", mergeOut);
        foreach (var file in Directory.GetFiles(single, "*", SearchOption.AllDirectories))
        {
            var other = Path.Combine(merged, Path.GetRelativePath(single, file));
            Assert.True(File.Exists(other) && File.ReadAllBytes(other).AsSpan().SequenceEqual(File.ReadAllBytes(file)), $"{Path.GetRelativePath(single, file)} differs");
        }
        Assert.Equal(Directory.GetFiles(single, "*", SearchOption.AllDirectories).Length, Directory.GetFiles(merged, "*", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("two")]
    public async Task A_bad_shard_spec_is_a_usage_error(string spec)
    {
        var (exit, _, stderr) = await Run("run", "--input", Input(), "--out", Path.Combine(_root, "out"), "--shard", spec);
        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("--shard", stderr);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task A_refused_merge_is_one_line_and_exit_2()
    {
        var input = Input();
        var one = Path.Combine(_root, "s1");
        await Run("run", "--input", input, "--out", one, "--quiet", "--shard", "1/3");
        var (exit, stdout, stderr) = await Run("merge", "--out", Path.Combine(_root, "merged"), one);
        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"reportminer: merge refused: missing parts: 2, 3 of 3 (give every shard folder of the split; re-run the missing ones with --shard K/3){Environment.NewLine}", stderr);
    }

    [Fact]
    public async Task Merging_a_folder_that_does_not_exist_names_it()
    {
        var (exit, _, stderr) = await Run("merge", "--out", Path.Combine(_root, "merged"), Path.Combine(_root, "nowhere"));
        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains($"{Path.Combine(_root, "nowhere")}: no such folder", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
