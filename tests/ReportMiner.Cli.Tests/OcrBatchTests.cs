using System.Text.Json;
using Microsoft.Data.Sqlite;
using NJsonSchema;

namespace ReportMiner.Cli.Tests;

/// <summary>A fact that runs only where tesseract (with chi_sim) and pdftoppm are on PATH, and is reported as skipped elsewhere.</summary>
public sealed class TesseractFactAttribute : FactAttribute
{
    public TesseractFactAttribute()
    {
        static bool OnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, name)));
        const string install = "apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils to run it";
        if (!OnPath("tesseract")) Skip = $"skipped: tesseract not installed ({install})";
        else if (!OnPath("pdftoppm")) Skip = $"skipped: pdftoppm not installed ({install})";
        else if (!Directory.EnumerateFiles("/usr/share", "chi_sim.traineddata", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 5 }).Any()
                 && Environment.GetEnvironmentVariable("TESSDATA_PREFIX") is null)
            Skip = $"skipped: Tesseract has no chi_sim data ({install})";
    }
}

/// <summary>
/// A scanned report in a batch (<c>run</c>, worker processes, --jobs 2): its mentions reach the
/// county file and the tables marked as OCR; without Tesseract only that file fails.
/// </summary>
[ReportMiner.Testing.StartsEarly]
public sealed class OcrBatchTests : IDisposable
{
    private readonly string _root = Repo.NewTempDir();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>An input folder with the 200 dpi scan of ocr-b and a corpus txt report.</summary>
    private string Input()
    {
        var input = Path.Combine(_root, "in");
        Directory.CreateDirectory(Path.Combine(input, "scans"));
        File.Copy(Repo.Path("tests", "fixtures", "ocr", "ocr-b.200dpi.pdf"), Path.Combine(input, "scans", "ocr-b.pdf"));
        File.Copy(Repo.Path("corpus", "001_87709b1c34e14cd9.txt"), Path.Combine(input, "001.txt"));
        return input;
    }

    [TesseractFact]
    public async Task A_scanned_report_ends_in_the_county_file_and_the_tables_marked_ocr()
    {
        var output = Path.Combine(_root, "out");
        var (exit, _, err) = await Cli.RunAsync("run", "--input", Input(), "--out", output, "--jobs", "2", "--quiet", "--config", Repo.Path("pipeline.yaml"));
        Assert.True(exit == 0, err);

        var countyFile = Path.Combine(output, "counties", "宁海县.json");
        Assert.True(File.Exists(countyFile), string.Join(", ", Directory.GetFiles(Path.Combine(output, "counties"))));
        var schema = await JsonSchema.FromFileAsync(Repo.Path("docs", "county.schema.json"));
        Assert.Empty(schema.Validate(await File.ReadAllTextAsync(countyFile)));
        using var county = JsonDocument.Parse(await File.ReadAllBytesAsync(countyFile));
        var document = Assert.Single(county.RootElement.GetProperty("documents").EnumerateArray());
        Assert.Equal("scans/ocr-b.pdf", document.GetProperty("id").GetString());
        Assert.True(document.GetProperty("ocr").GetBoolean());
        var mentions = county.RootElement.GetProperty("indicators").EnumerateArray().ToList();
        Assert.True(mentions.Count >= 8, $"{mentions.Count} mentions");
        Assert.Contains(mentions, m => m.GetProperty("indicator").GetString() == "patent_applications" && m.GetProperty("value").GetDouble() == 2317);
        foreach (var m in mentions)
        {
            Assert.True(m.GetProperty("ocr").GetBoolean());
            var ocrConfidence = m.GetProperty("ocr_confidence").GetDouble();
            Assert.InRange(ocrConfidence, 0, 1);
            Assert.Equal(ocrConfidence < 0.80, m.GetProperty("ocr_doubtful").GetBoolean());
        }

        // The txt report's mentions are not marked.
        foreach (var file in Directory.GetFiles(Path.Combine(output, "counties")).Where(f => f != countyFile))
            Assert.DoesNotContain("\"ocr\"", await File.ReadAllTextAsync(file));

        // The tables: SQLite (CSV and XLSX take the same rows, MentionTable).
        using var db = new SqliteConnection($"Data Source={Path.Combine(output, "reportminer.sqlite")};Mode=ReadOnly;Pooling=False");
        db.Open();
        long Count(string sql)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = sql;
            return (long)cmd.ExecuteScalar()!;
        }
        Assert.Equal(mentions.Count, Count("SELECT COUNT(*) FROM mentions WHERE document = 'scans/ocr-b.pdf' AND ocr = 1 AND ocr_confidence IS NOT NULL"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM mentions WHERE document <> 'scans/ocr-b.pdf' AND (ocr <> 0 OR ocr_confidence IS NOT NULL)"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM documents WHERE ocr = 1"));
        var csv = await File.ReadAllLinesAsync(Path.Combine(output, "mentions.csv"));
        Assert.EndsWith(",ocr,ocr_confidence,ocr_doubtful", csv[0]);
        Assert.Equal(mentions.Count, csv.Count(l => l.Contains("scans/ocr-b.pdf", StringComparison.Ordinal) && l.Contains(",true,0.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Without_tesseract_only_the_scan_fails_with_one_line_naming_the_tool_and_package()
    {
        var config = HostileInputTests.TightConfig(Path.Combine(_root, "config"), memoryMb: 512, timeoutSeconds: 120);
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("tesseract: null", "tesseract: /nonexistent/tesseract"));
        var output = Path.Combine(_root, "out");
        var (exit, _, err) = await Cli.RunAsync("run", "--input", Input(), "--out", output, "--jobs", "2", "--quiet", "--config", config);
        Assert.Equal(1, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("scans/ocr-b.pdf", line);
        Assert.Contains("tesseract not found", line);
        Assert.Contains("tesseract-ocr", line);
        var errors = (await File.ReadAllLinesAsync(Path.Combine(output, "errors.jsonl"))).Where(l => l.Length > 0).ToList();
        using var error = JsonDocument.Parse(Assert.Single(errors));
        Assert.Equal("scans/ocr-b.pdf", error.RootElement.GetProperty("document").GetString());
        Assert.Contains("install the Debian package tesseract-ocr", error.RootElement.GetProperty("reason").GetString());
        // The rest of the batch went on: the txt report has its county file and mentions.
        var counties = Directory.GetFiles(Path.Combine(output, "counties"));
        Assert.Single(counties);
        Assert.Contains("001.txt", await File.ReadAllTextAsync(counties[0]));
    }
}
