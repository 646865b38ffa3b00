namespace ReportMiner.Cli.Tests;

/// <summary>The <c>train</c> and <c>cv</c> verbs end to end, on a part of the public gold.</summary>
public class ClassifierVerbTests
{
    [Theory]
    [InlineData("train")]
    [InlineData("cv")]
    public async Task Verb_has_help(string verb)
    {
        var (exit, stdout, _) = await Cli.RunAsync(verb, "--help");
        Assert.Equal(0, exit);
        Assert.Contains("--gold", stdout);
    }

    [Fact]
    public async Task Cv_with_one_fold_is_a_usage_error()
    {
        var (exit, _, stderr) = await Cli.RunAsync("cv", "--gold", Repo.Path("corpus", "gold"), "--corpus", Repo.Path("corpus"), "--folds", "1");
        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("--folds", stderr);
    }

    [Fact]
    public async Task Train_without_gold_folder_is_a_usage_error_naming_it()
    {
        var (exit, _, stderr) = await Cli.RunAsync("train", "--gold", "/nonexistent/gold", "--corpus", Repo.Path("corpus"), "--out", Path.Combine(Repo.NewTempDir(), "m.zip"));
        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("/nonexistent/gold", stderr);
    }

    [Fact]
    public async Task Train_writes_a_model_that_run_loads()
    {
        // Six web texts with goals and results in their gold (the status head needs both):
        // enough to train, few enough to train quickly. That training is deterministic is
        // checked in-process (ClassifierTests), not by training twice here.
        var gold = Repo.NewTempDir();
        var corpus = Repo.NewTempDir();
        static bool BothStatuses(string goldFile)
        {
            var json = File.ReadAllText(goldFile);
            return json.Contains("\"status\": \"target\"", StringComparison.Ordinal) && json.Contains("\"status\": \"actual\"", StringComparison.Ordinal);
        }
        foreach (var file in Directory.GetFiles(Repo.Path("corpus", "gold", "web"), "w0*.json").Order(StringComparer.Ordinal).Where(BothStatuses).Take(6))
        {
            File.Copy(file, Path.Combine(gold, Path.GetFileName(file)));
            var txt = Path.GetFileNameWithoutExtension(file) + ".txt";
            File.Copy(Repo.Path("corpus", "web", txt), Path.Combine(corpus, txt));
        }
        var outDir = Repo.NewTempDir();
        var model = Path.Combine(outDir, "model.zip");
        var (exit, stdout, stderr) = await Cli.RunAsync("train", "--gold", gold, "--corpus", corpus, "--out", model, "--config", Repo.Path("pipeline.yaml"));
        Assert.True(exit == 0, stderr);
        Assert.Matches("trained on [1-9][0-9]* documents", stdout);
        Assert.Contains("thresholds:", stdout);

        // The written model is one `run` accepts: a copy of pipeline.yaml pointing at it mines the same texts.
        var yaml = (await File.ReadAllTextAsync(Repo.Path("pipeline.yaml"))).Replace("model: models/classifier.zip", "model: " + model);
        var config = Path.Combine(outDir, "pipeline.yaml");
        await File.WriteAllTextAsync(config, yaml.Replace("models/", Repo.Path("models") + "/"));
        var mined = Repo.NewTempDir();
        (exit, _, stderr) = await Cli.RunAsync("run", "--input", corpus, "--out", mined, "--config", config, "--quiet");
        Assert.True(exit == 0, stderr);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(mined, "counties"), "*.json"));
    }

    [Fact]
    public async Task Run_with_a_broken_model_is_a_usage_error_naming_it()
    {
        // A copy of pipeline.yaml in a temp folder, its data paths made absolute, the classifier pointing at a broken file.
        var dir = Repo.NewTempDir();
        var model = Path.Combine(dir, "broken.zip");
        await File.WriteAllTextAsync(model, "not a zip");
        var yaml = (await File.ReadAllTextAsync(Repo.Path("pipeline.yaml"))).Replace("model: models/classifier.zip", "model: " + model);
        var config = Path.Combine(dir, "pipeline.yaml");
        await File.WriteAllTextAsync(config, yaml.Replace("models/", Repo.Path("models") + "/"));
        var (exit, _, stderr) = await Cli.RunAsync("run", "--input", Repo.Path("corpus"), "--out", Repo.NewTempDir(), "--config", config);
        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("broken.zip", stderr);
        Assert.Contains("make train", stderr);
    }
}
