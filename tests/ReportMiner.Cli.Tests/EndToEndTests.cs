using System.Globalization;
using System.Text.RegularExpressions;
using NJsonSchema;
using ReportMiner.Testing;

namespace ReportMiner.Cli.Tests;

/// <summary>
/// Runs <c>reportminer run</c> on the sample corpus and checks the county files against the
/// golden output in <c>tests/golden/counties</c>, byte for byte. Regenerate the golden files
/// after an intended change with <c>make golden</c> (UPDATE_GOLDEN=1).
/// </summary>
public class EndToEndTests
{
    private static readonly Lazy<Task<string>> Run = new(async () =>
    {
        var outDir = Repo.NewTempDir();
        var (exit, _, err) = await Cli.RunAsync("run", "--input", Repo.Path("corpus"), "--out", outDir, "--config", Repo.Path("pipeline.yaml"));
        Assert.True(exit == 0, err);
        return outDir;
    });

    private static string GoldenDir => Repo.Path("tests", "golden", "counties");

    [Fact]
    public async Task County_files_equal_the_golden_output()
    {
        var outDir = await Run.Value;
        var produced = Directory.GetFiles(Path.Combine(outDir, "counties"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            if (Directory.Exists(GoldenDir)) Directory.Delete(GoldenDir, recursive: true);
            Directory.CreateDirectory(GoldenDir);
            foreach (var f in produced) File.Copy(Path.Combine(outDir, "counties", f!), Path.Combine(GoldenDir, f!));
        }
        FolderDiff.AssertSameFiles(GoldenDir, Path.Combine(outDir, "counties"), "*.json", "if the change is intended run 'make golden'");
    }

    [Fact]
    public async Task Second_run_gives_identical_bytes()
    {
        var first = await Run.Value;
        var second = Repo.NewTempDir();
        var (exit, _, err) = await Cli.RunAsync("run", "--input", Repo.Path("corpus"), "--out", second, "--config", Repo.Path("pipeline.yaml"));
        Assert.True(exit == 0, err);
        FolderDiff.AssertSameFiles(Path.Combine(first, "counties"), Path.Combine(second, "counties"));
        FolderDiff.AssertSameFiles(first, second, "*.csv");
        FolderDiff.AssertSameFiles(first, second, "*.jsonl");
    }

    [Fact]
    public async Task County_files_validate_against_the_schema()
    {
        var outDir = await Run.Value;
        var schema = await JsonSchema.FromFileAsync(Repo.Path("docs", "county.schema.json"));
        var files = Directory.GetFiles(Path.Combine(outDir, "counties"), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var errors = schema.Validate(await File.ReadAllTextAsync(file));
            Assert.True(errors.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", errors.Select(e => e.Path + " " + e.Kind))}");
        }
    }

    [Fact]
    public async Task Schema_rejects_a_broken_county_file()
    {
        var schema = await JsonSchema.FromFileAsync(Repo.Path("docs", "county.schema.json"));
        var broken = """{"schema":"reportminer/county/v1","county":{"key":"../x","name":null,"code":null,"province":null,"city":null},"documents":[],"indicators":[{"indicator":"rd_expenditure","value":-1}]}""";
        Assert.NotEmpty(schema.Validate(broken));
    }

    [Fact]
    public async Task Masked_report_yields_no_values_and_compilation_is_split()
    {
        var outDir = await Run.Value;
        var all = string.Join("\n", Directory.GetFiles(Path.Combine(outDir, "counties")).Select(File.ReadAllText));
        Assert.DoesNotContain("\"document\": \"002_6df9cd8cc85e8b20.txt\"", all);
        // 003 is a compilation: its documents entries carry a report index.
        Assert.Matches(new Regex("\"id\": \"003_356c60abb3feb7ae.txt\",\\s+\"report\": 9"), all);
    }

    [Fact]
    public async Task Eval_on_the_sample_corpus_reaches_the_bar()
    {
        var outDir = await Run.Value;
        var (exit, stdout, err) = await Cli.RunAsync("eval", "--gold", Repo.Path("corpus", "gold"), "--pred", outDir);
        Assert.True(exit == 0, err);
        var micro = stdout.Split('\n').First(l => l.StartsWith("micro ", StringComparison.Ordinal));
        var f1 = double.Parse(micro.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
        // In-sample on the 110 public reports (45 + 65 new ones, issue 14) it was 0.936 when this bar was set.
        Assert.True(f1 >= 0.92, $"micro F1 {f1} fell below 0.92:\n{stdout}");
    }
}
