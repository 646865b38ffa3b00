using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReportMiner.Cli.Tests;

/// <summary>
/// The review loop end to end on six short reports written for the purpose
/// (tests/fixtures/review): run, review, an analyst's edits, --apply, train, run again, eval.
/// The reports carry three faults of the rules an analyst would catch: persons served by the
/// envoys (服务农户N人) read as envoys, a plan section whose heading the rules do not know as a
/// plan (重点工作) read as achievements, and an R&amp;D intensity they miss.
/// </summary>
[ReportMiner.Testing.StartsEarly]
public sealed class ReviewLoopTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private readonly string _root = Repo.NewTempDir();

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>The fixtures in a fresh input folder.</summary>
    private string Input()
    {
        var input = Path.Combine(_root, "in");
        Directory.CreateDirectory(input);
        foreach (var file in Directory.GetFiles(Repo.Path("tests", "fixtures", "review"), "r*.txt").Order(StringComparer.Ordinal))
            File.Copy(file, Path.Combine(input, Path.GetFileName(file)));
        return input;
    }

    private static string Config => Repo.Path("pipeline.yaml");

    /// <summary>A copy of pipeline.yaml whose classifier is <paramref name="model"/> (data paths made absolute).</summary>
    private string ConfigWithModel(string model)
    {
        var yaml = File.ReadAllText(Config).Replace("model: models/classifier.zip", "model: " + model);
        var path = Path.Combine(_root, "pipeline.yaml");
        File.WriteAllText(path, yaml.Replace("models/", Repo.Path("models") + "/"));
        return path;
    }

    private static async Task<string> Ok(params string[] args)
    {
        var (exit, stdout, stderr) = await Cli.RunAsync(args);
        Assert.True(exit == 0, $"{string.Join(' ', args)} exited {exit}: {stderr}");
        return stdout;
    }

    /// <summary>The report year each fixture states in its title.</summary>
    private static int YearOf(string input, string document)
        => int.Parse(Regex.Match(File.ReadAllText(Path.Combine(input, document)), @"(\d{4})年科技工作总结").Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>
    /// The analyst: envoys' farmers are not a figure; the plan section's figures are targets of
    /// the next year; everything else is right; the R&amp;D intensity the pipeline missed is added.
    /// Returns the rows marked wrong (document, raw).
    /// </summary>
    private static List<(string Document, string Raw)> Review(string workbook, string input)
    {
        var wrong = new List<(string, string)>();
        using var book = new ReviewWorkbookEditor(workbook);
        var rows = book.Rows("mentions");
        Assert.NotEmpty(rows);
        foreach (var (row, cells) in rows)
        {
            var doc = cells["document"];
            if (cells["sentence"].Contains("服务农户" + cells["raw"], StringComparison.Ordinal))
            {
                book.Set("mentions", row, "verdict", "not a figure");
                wrong.Add((doc, cells["raw"]));
            }
            else if (cells["sentence"].StartsWith("新增", StringComparison.Ordinal) && cells["status"] == "actual")
            {
                book.Set("mentions", row, "verdict", "wrong status");
                book.Set("mentions", row, "correct_status", "target");
                book.Set("mentions", row, "correct_period", (YearOf(input, doc) + 1).ToString(CultureInfo.InvariantCulture));
                wrong.Add((doc, cells["raw"]));
            }
            else book.Set("mentions", row, "verdict", "ok");
        }
        int missedRow = 2;
        foreach (var doc in new[] { "r1.txt", "r2.txt", "r3.txt", "r4.txt" })
        {
            var raw = Regex.Match(File.ReadAllText(Path.Combine(input, doc)), @"与地区生产总值的比值为([\d.]+%)").Groups[1].Value;
            book.Set("missed", missedRow, "document", doc);
            book.Set("missed", missedRow, "raw", raw);
            book.Set("missed", missedRow, "indicator", "rd_intensity");
            book.Set("missed", missedRow, "status", "actual");
            book.Set("missed", missedRow, "period", YearOf(input, doc).ToString(CultureInfo.InvariantCulture));
            missedRow++;
        }
        book.Save();
        return wrong;
    }

    private static double MicroF1(string evalOutput)
    {
        var line = evalOutput.Split('\n').First(l => l.StartsWith("micro ", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
    }

    /// <summary>(document, raw, indicator, status) of every mention of an output folder.</summary>
    private static HashSet<(string, string, string, string)> Mentions(string outDir)
    {
        var set = new HashSet<(string, string, string, string)>();
        foreach (var file in Directory.GetFiles(Path.Combine(outDir, "counties"), "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var m in json.RootElement.GetProperty("indicators").EnumerateArray())
                set.Add((m.GetProperty("document").GetString()!, m.GetProperty("raw").GetString()!, m.GetProperty("indicator").GetString()!, m.GetProperty("status").GetString()!));
        }
        return set;
    }

    [Fact]
    public async Task Review_apply_train_eval_closes_the_loop()
    {
        var input = Input();
        var out1 = Path.Combine(_root, "out1");
        await Ok("run", "--input", input, "--out", out1, "--config", Config, "--quiet");
        var workbook = Path.Combine(_root, "review.xlsx");
        await Ok("review", "--from", out1, "--input", input, "--to", workbook, "--sample", "64", "--seed", "7", "--config", Config);

        var wrong = Review(workbook, input);
        Assert.Contains(wrong, w => w.Raw.EndsWith('人'));   // a veto to learn
        Assert.Contains(wrong, w => w.Raw.EndsWith('家'));   // a status to learn

        var gold = Path.Combine(_root, "gold");
        var applied = await Ok("review", "--apply", workbook, "--gold", gold, "--config", Config);
        Assert.Contains("4 missed figures added", applied);
        Assert.Equal(6, Directory.GetFiles(gold, "*.json").Length);
        // Applying the same workbook again changes nothing.
        var before = Directory.GetFiles(gold).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        await Ok("review", "--apply", workbook, "--gold", gold, "--config", Config);
        Assert.Equal(before, Directory.GetFiles(gold).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList());

        var report1 = await Ok("eval", "--gold", gold, "--pred", out1);
        var evalBefore = MicroF1(report1);

        var model = Path.Combine(_root, "model.zip");
        log.WriteLine(applied);
        log.WriteLine("eval before:\n" + report1);
        // Two gold folders train together; a document in both is taken from the last.
        var gold2 = Path.Combine(_root, "gold2");
        Directory.CreateDirectory(gold2);
        File.Copy(Path.Combine(gold, "r1.json"), Path.Combine(gold2, "r1.json"));
        var (trainExit, trained, trainErr) = await Cli.RunAsync("train", "--gold", gold2, "--gold", gold, "--corpus", input, "--out", model, "--config", Config);
        Assert.True(trainExit == 0, trainErr);
        Assert.Contains("r1: in several gold folders", trainErr);
        Assert.Contains("trained on 6 documents", trained);
        log.WriteLine(trained);
        var out2 = Path.Combine(_root, "out2");
        await Ok("run", "--input", input, "--out", out2, "--config", ConfigWithModel(model), "--quiet");
        var report2 = await Ok("eval", "--gold", gold, "--pred", out2);
        var evalAfter = MicroF1(report2);
        log.WriteLine("eval after:\n" + report2);

        // The retrained model decides differently on the sentences marked wrong …
        var m1 = Mentions(out1);
        var m2 = Mentions(out2);
        int changed = wrong.Count(w => m1.Count(m => m.Item1 == w.Document && m.Item2 == w.Raw) != m2.Count(m => m.Item1 == w.Document && m.Item2 == w.Raw)
            || !m1.Where(m => m.Item1 == w.Document && m.Item2 == w.Raw).ToHashSet().SetEquals(m2.Where(m => m.Item1 == w.Document && m.Item2 == w.Raw)));
        log.WriteLine($"decisions changed on {changed} of {wrong.Count} rows marked wrong");
        Assert.True(changed > 0, $"no decision changed on the {wrong.Count} rows marked wrong");
        // … and scores better against the analyst's gold.
        Assert.True(evalAfter > evalBefore, $"micro F1 {evalBefore} before, {evalAfter} after");
    }
}
