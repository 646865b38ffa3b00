namespace ReportMiner.Cli.Tests;

/// <summary>
/// Every mistake a user can make with paths and pipeline.yaml ends with exit 2 and one line on
/// stderr that names the path or key (and what to do), never a stack trace; output-folder
/// problems are found before anything is mined.
/// </summary>
public class UserMistakeTests
{
    private static async Task<string> ExpectOneLineExit2(params string[] args)
    {
        var (exit, _, err) = await Cli.RunAsync(args);
        Assert.True(exit == 2, $"exit {exit}: {err}");
        var lines = err.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, "more than one line: " + err);
        Assert.StartsWith("reportminer: ", lines[0]);
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("Unhandled", err);
        return lines[0];
    }

    private static string[] RunArgs(string output, string? config = null)
        => ["run", "--input", Repo.Path("corpus"), "--out", output, "--config", config ?? Repo.Path("pipeline.yaml"), "--quiet"];

    /// <summary>pipeline.yaml with one line replaced, in a folder with models/ linked in.</summary>
    private static string ConfigWith(string from, string to)
    {
        var dir = Repo.NewTempDir();
        Directory.CreateSymbolicLink(Path.Combine(dir, "models"), Repo.Path("models"));
        var yaml = File.ReadAllText(Repo.Path("pipeline.yaml"));
        Assert.Contains(from, yaml);
        var path = Path.Combine(dir, "pipeline.yaml");
        File.WriteAllText(path, yaml.Replace(from, to));
        return path;
    }

    [Fact]
    public async Task Out_is_a_file()
    {
        var file = Path.Combine(Repo.NewTempDir(), "out.txt");
        File.WriteAllText(file, "x");
        var line = await ExpectOneLineExit2(RunArgs(file));
        Assert.Contains(file, line);
        Assert.Contains("is a file, not a folder", line);
    }

    [Fact]
    public async Task Counties_inside_out_is_a_file_and_nothing_is_mined()
    {
        var output = Repo.NewTempDir();
        File.WriteAllText(Path.Combine(output, "counties"), "x");
        var line = await ExpectOneLineExit2(RunArgs(output));
        Assert.Contains(Path.Combine(output, "counties"), line);
        Assert.False(Directory.Exists(Path.Combine(output, ".cache")), "files were mined before the check");
    }

    [Fact]
    public async Task Output_folder_is_read_only()
    {
        string output;
        if (!OperatingSystem.IsLinux() || Environment.UserName == "root")
            output = "/sys/kernel";   // sysfs refuses new files even to root
        else
        {
            output = Repo.NewTempDir();
            File.SetUnixFileMode(output, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        var line = await ExpectOneLineExit2(RunArgs(output));
        Assert.Contains("cannot write there", line);
    }

    [Fact]
    public async Task Export_to_a_folder()
    {
        var output = Repo.NewTempDir();
        Directory.CreateDirectory(Path.Combine(output, "counties"));
        var folder = Repo.NewTempDir();
        var line = await ExpectOneLineExit2("export", "--from", output, "--format", "csv", "--to", folder);
        Assert.Contains(folder, line);
        Assert.Contains("is a folder", line);
    }

    [Fact]
    public async Task Train_out_a_folder()
    {
        var folder = Repo.NewTempDir();
        var line = await ExpectOneLineExit2("train", "--gold", Repo.Path("corpus", "gold"), "--corpus", Repo.Path("corpus"), "--out", folder, "--config", Repo.Path("pipeline.yaml"));
        Assert.Contains(folder, line);
    }

    [Fact]
    public async Task Bad_regex_in_boilerplate_lines()
    {
        var config = ConfigWith("    - 'Tags?\\s*[:：].*'", "    - 'Tags?(['");
        var line = await ExpectOneLineExit2(RunArgs(Repo.NewTempDir(), config));
        Assert.Contains("normalise.boilerplate_lines", line);
        Assert.Contains("Tags?([", line);
    }

    [Fact]
    public async Task Bad_regex_in_watermarks()
    {
        var config = ConfigWith("    - 'https?://[\\x21-\\x7e]+'", "    - 'https?://[\\x21-\\x7e+'");
        var line = await ExpectOneLineExit2(RunArgs(Repo.NewTempDir(), config));
        Assert.Contains("normalise.watermarks", line);
    }

    [Fact]
    public async Task Missing_jieba_model()
    {
        var config = ConfigWith("  model: models/jieba", "  model: models/no-jieba");
        var line = await ExpectOneLineExit2(RunArgs(Repo.NewTempDir(), config));
        Assert.Contains("segmenter.model", line);
        Assert.Contains("no-jieba", line);
    }

    [Fact]
    public async Task Missing_user_dictionary()
    {
        var config = ConfigWith("[models/dict/reportminer.dict.txt]", "[models/dict/missing.dict.txt]");
        var line = await ExpectOneLineExit2(RunArgs(Repo.NewTempDir(), config));
        Assert.Contains("segmenter.user_dictionaries", line);
        Assert.Contains("missing.dict.txt", line);
    }

    [Fact]
    public async Task Missing_traditional_table()
    {
        var config = ConfigWith("traditional_table: models/t2s/ts-characters.tsv", "traditional_table: models/t2s/missing.tsv");
        var line = await ExpectOneLineExit2(RunArgs(Repo.NewTempDir(), config));
        Assert.Contains("normalise.traditional_table", line);
    }

    [Fact]
    public async Task Missing_gazetteer_is_an_error_not_a_silent_fallback()
    {
        var config = ConfigWith("gazetteer: models/gazetteer/gb2260.tsv", "gazetteer: models/gazetteer/missing.tsv");
        var output = Repo.NewTempDir();
        var line = await ExpectOneLineExit2(RunArgs(output, config));
        Assert.Contains("county.gazetteer", line);
        Assert.False(Directory.Exists(Path.Combine(output, "counties")));
    }

    [Fact]
    public async Task Input_folder_missing()
    {
        var line = await ExpectOneLineExit2("run", "--input", "/nonexistent/reports", "--out", Repo.NewTempDir(), "--config", Repo.Path("pipeline.yaml"));
        Assert.Contains("/nonexistent/reports", line);
    }
}
