using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using ReportMiner.Export;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Export;

/// <summary>A fact that runs only where python3 can import pandas, and is reported as skipped elsewhere.</summary>
public sealed class PandasFactAttribute : FactAttribute
{
    /// <summary>The first python3 that imports pandas: the one on PATH, else the system's (apt's python3-pandas), or null.</summary>
    public static readonly Lazy<string?> Python = new(() => new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(ImportsPandas));

    private static bool ImportsPandas(string python)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(python, ["-c", "import pandas"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            if (!p.WaitForExit(60_000)) p.Kill();
            return p.HasExited && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public PandasFactAttribute()
    {
        if (Python.Value is null) Skip = "skipped: python3 cannot import pandas (apt-get install python3-pandas to run it)";
    }
}

/// <summary>The panel in the SQLite tables, and the examples of docs/exports.md run against a real output folder.</summary>
public sealed class PanelExportTests : IDisposable
{
    private readonly TempFolder _temp = new("rm-panel");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static readonly CountyRow County = new("仙居县", "仙居县", "331024", "浙江省", "台州市", []);

    private static MentionRow Actual(string indicator, double value, string unit, string? period, string document, int span)
        => new(County, indicator, "actual", null, null, value, unit, value.ToString(CultureInfo.InvariantCulture), false, null, period, document, null, "s", span, span + 2, "rule", 1);

    [Fact]
    public void Latest_actual_never_takes_a_part_year_over_the_full_year_of_the_same_year()
    {
        var path = _temp.Combine("t.sqlite");
        using (var w = new SqliteTableWriter(path))
        {
            w.AddDocument(new DocumentRow("仙居县", "a.txt", null, null, null, "2020-01-10", "2019", "txt", new string('0', 64)));
            w.AddMention(Actual("rd_expenditure", 8e8, "CNY", "2018", "a.txt", 1));
            // "2019-01/2019-09" sorts after "2019" as text: the old view took 4.9亿 for 2019's 9亿.
            w.AddMention(Actual("rd_expenditure", 9e8, "CNY", "2019", "a.txt", 10));
            w.AddMention(Actual("rd_expenditure", 4.9e8, "CNY", "2019-01/2019-09", "a.txt", 20));
            w.AddMention(Actual("patent_grants", 300, "count", "2019", "a.txt", 30));
            w.AddMention(Actual("patent_grants", 200, "count", "2020-H1", "a.txt", 40));
            Assert.True(w.Complete([County]));
        }
        using var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT indicator, period, value_period, value FROM latest_actual ORDER BY indicator";
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read()) rows.Add($"{r.GetString(0)} {r.GetString(1)} {r.GetString(2)} {r.GetDouble(3).ToString(CultureInfo.InvariantCulture)}");
        // A later part-year (2020-H1) is the latest figure there is; within 2019 the full year wins.
        Assert.Equal(["patent_grants 2020 2020-H1 200", "rd_expenditure 2019 2019 900000000"], rows);
    }

    /// <summary>Made-up reports (written for this test) of two counties: parts, a part-year, a later report with another figure.</summary>
    private string MineSample()
    {
        var input = _temp.Combine("in");
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "a.txt"),
            "仙居县科学技术局2019年工作总结\n2019年1-9月,全县全社会研发经费投入4.9亿元。2019年全县全社会研发经费投入9亿元,研发投入强度2.5%。"
            + "全县高新技术企业达到50家,其中新认定12家。选派科技特派员60名,其中省级科技特派员20名、市级科技特派员40名。\n");
        File.WriteAllText(Path.Combine(input, "b.txt"),
            "仙居县科学技术局2020年工作总结\n2019年全县全社会研发经费投入9.6亿元。2020年全县高新技术企业累计达到66家。\n");
        var output = _temp.Combine("out");
        new BatchRunner(SharedPipeline.Pipeline, ReaderRegistry.CreateDefault(), TextWriter.Null).Run(new BatchOptions(input, output));
        return output;
    }

    /// <summary>The fenced block of <paramref name="language"/> under docs/exports.md's "Examples" heading.</summary>
    private static string Example(string language)
    {
        var doc = File.ReadAllText(TestPaths.Combine("docs", "exports.md"));
        var examples = doc[doc.IndexOf("\n## Examples", StringComparison.Ordinal)..];
        var m = Regex.Match(examples, "```" + language + "\n(.*?)```", RegexOptions.Singleline);
        Assert.True(m.Success, $"docs/exports.md: no {language} example under '## Examples'");
        return m.Groups[1].Value;
    }

    [Fact]
    public void The_documented_sql_example_returns_one_row_per_panel_row_joined_to_its_report()
    {
        var output = MineSample();
        using var db = new SqliteConnection($"Data Source={Path.Combine(output, "reportminer.sqlite")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM panel WHERE indicator = 'rd_expenditure' AND status = 'actual'";
        long expected = (long)count.ExecuteScalar()!;
        using var cmd = db.CreateCommand();
        cmd.CommandText = Example("sql");
        using var r = cmd.ExecuteReader();
        var rows = new List<(string Period, double Value, string Reason, string? Title)>();
        while (r.Read()) rows.Add((r.GetString(1), r.GetDouble(2), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));
        Assert.Equal(expected, rows.Count);
        // 2019: the full year over 1-9月, the later report's 9.6亿 over the earlier 9亿.
        var y2019 = Assert.Single(rows, x => x.Period == "2019");
        Assert.Equal(9.6e8, y2019.Value);
        Assert.Equal("later_report", y2019.Reason);
        Assert.All(rows, x => Assert.NotNull(x.Title));

        using var conflicts = db.CreateCommand();
        conflicts.CommandText = "SELECT chosen_value, other_value FROM conflicts WHERE indicator = 'rd_expenditure'";
        using var c = conflicts.ExecuteReader();
        Assert.True(c.Read());
        Assert.Equal((9.6e8, 9e8), (c.GetDouble(0), c.GetDouble(1)));
    }

    [PandasFact]
    public void The_documented_pandas_example_runs_and_counts_each_figure_once()
    {
        var output = MineSample();
        var script = _temp.Combine("example.py");
        File.WriteAllText(script, Example("python"));
        var start = new ProcessStartInfo(PandasFactAttribute.Python.Value!, [script]) { WorkingDirectory = Path.GetDirectoryName(output)!, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "python3 did not finish in 120 s");
        Assert.True(p.ExitCode == 0, stderr.Result);
        var mentions = File.ReadAllLines(Path.Combine(output, "mentions.csv")).Length - 1;
        var panel = File.ReadAllLines(Path.Combine(output, "panel.csv")).Length - 1;
        int parts = File.ReadAllLines(Path.Combine(output, "mentions.csv")).Count(l => l.Contains(",part,", StringComparison.Ordinal));
        Assert.True(parts >= 3, $"the sample has 3 parts, found {parts}");
        // The example prints: panel rows, parts joined to their totals, and the mentions that are no part.
        Assert.Equal($"{panel} {parts} {mentions - parts}", stdout.Result.Trim());
    }
}
