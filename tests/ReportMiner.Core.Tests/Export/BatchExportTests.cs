using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Data.Sqlite;
using ReportMiner.Config;
using ReportMiner.Export;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Export;

/// <summary>The batch on a small copy of the corpus: tables agree with the JSON, jobs and re-runs do not change a byte.</summary>
public sealed class BatchExportTests : IDisposable
{
    private static readonly string[] Samples = ["001_87709b1c34e14cd9.txt", "web/w005.txt", "web/w020.txt"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rm-batch-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _input;

    public BatchExportTests()
    {
        _input = Path.Combine(_root, "in");
        TestPaths.CopyCorpusFiles(_input, Samples);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static readonly Lazy<ReportPipeline> Pipeline = new(() =>
    {
        var loaded = PipelineConfig.Load(TestPaths.Combine("pipeline.yaml"));
        Assert.Null(loaded.Error);
        Assert.Equal(["csv", "xlsx", "sqlite"], loaded.Config!.Output.Tables);
        return new ReportPipelineBuilder(loaded.Config).Build();
    });

    private BatchSummary Run(string outName, int jobs = 1, bool force = false)
        => new BatchRunner(Pipeline.Value, ReaderRegistry.CreateDefault(), TextWriter.Null)
            .Run(new BatchOptions(_input, Path.Combine(_root, outName)) { Jobs = jobs, Force = force });

    /// <summary>Mentions in the county JSON files, counted straight from the JSON.</summary>
    private int JsonMentions(string outName)
        => Directory.GetFiles(Path.Combine(_root, outName, "counties"), "*.json")
            .Sum(f => JsonDocument.Parse(File.ReadAllBytes(f)).RootElement.GetProperty("indicators").GetArrayLength());

    /// <summary>Every output file (not the cache) with its bytes, by path relative to the folder.</summary>
    private Dictionary<string, byte[]> Snapshot(string outName)
    {
        var dir = Path.Combine(_root, outName);
        return Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(dir, f).StartsWith(".cache", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes);
    }

    [Fact]
    public void Tables_hold_every_mention_of_the_json()
    {
        var summary = Run("out");
        int mentions = JsonMentions("out");
        Assert.True(mentions > 10, $"only {mentions} mentions in the sample");
        Assert.Equal(summary.Mentions, mentions);
        int counties = Directory.GetFiles(Path.Combine(_root, "out", "counties"), "*.json").Length;

        // XLSX: a header row plus one row per mention, number cells for values, frozen header, valid OpenXML.
        using (var xlsx = SpreadsheetDocument.Open(Path.Combine(_root, "out", "mentions.xlsx"), false))
        {
            var wb = xlsx.WorkbookPart!;
            var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal(["mentions", "pivot", "documents", "panel", "conflicts", "checks"], sheets.Select(s => s.Name!.Value));
            var ws = ((WorksheetPart)wb.GetPartById(sheets[0].Id!)).Worksheet;
            var rows = ws.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            Assert.Equal(mentions + 1, rows.Count);
            int valueColumn = Array.IndexOf(MentionTable.Headers, "value");
            var valueCell = rows[1].Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference!.Value == XlsxTableWriter.ColumnName(valueColumn) + "2");
            Assert.Equal(CellValues.Number, valueCell.DataType!.Value);
            var pane = ws.Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal(1D, pane.VerticalSplit!.Value);
            var docSheet = ((WorksheetPart)wb.GetPartById(sheets[2].Id!)).Worksheet;
            Assert.Equal(Samples.Length + 1, docSheet.GetFirstChild<SheetData>()!.Elements<Row>().Count());
            var problems = new OpenXmlValidator().Validate(xlsx).Select(e => e.Description).ToList();
            Assert.Empty(problems);
        }

        // SQLite: the same rows, and the views answer.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_root, "out", "reportminer.sqlite")};Mode=ReadOnly;Pooling=False"))
        {
            db.Open();
            long Count(string sql)
            {
                using var cmd = db.CreateCommand();
                cmd.CommandText = sql;
                return (long)cmd.ExecuteScalar()!;
            }
            Assert.Equal(mentions, Count("SELECT COUNT(*) FROM mentions"));
            Assert.Equal(counties, Count("SELECT COUNT(*) FROM counties"));
            Assert.Equal(Samples.Length, Count("SELECT COUNT(*) FROM documents"));
            Assert.Equal(Count("SELECT COUNT(DISTINCT county_key || indicator || COALESCE(qualifier, '')) FROM mentions WHERE status = 'actual'"), Count("SELECT COUNT(*) FROM latest_actual"));
            // One row per county, indicator, qualifier, period and unit that has a target, counted from the JSON.
            var data = OutputReader.Read(Path.Combine(_root, "out"));
            int withTarget = data.Mentions.GroupBy(m => (m.County.Key, m.Indicator, m.Qualifier ?? "", m.Period ?? "", m.Unit))
                .Count(g => g.Any(m => m.Status == "target"));
            Assert.True(withTarget > 0, "the sample has no target mentions");
            Assert.Equal(withTarget, Count("SELECT COUNT(*) FROM target_vs_actual"));
            using var code = new SqliteCommand("SELECT code FROM counties WHERE name = '仙居县'", db);
            Assert.Equal("331024", (string)code.ExecuteScalar()!);
        }

        // CSV: BOM, header, one record per mention (records may hold quoted line breaks).
        var csv = File.ReadAllBytes(Path.Combine(_root, "out", "mentions.csv"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var records = CsvRecords(Encoding.UTF8.GetString(csv, 3, csv.Length - 3));
        Assert.Equal(mentions + 1, records.Count);
        Assert.Equal(MentionTable.Headers, records[0]);
        Assert.All(records, r => Assert.Equal(MentionTable.Headers.Length, r.Count));
    }

    [Fact]
    public void Two_jobs_write_the_same_bytes_as_one()
    {
        Run("one", jobs: 1);
        Run("two", jobs: 2);
        var one = Snapshot("one");
        var two = Snapshot("two");
        Assert.Equal(one.Keys.Order(), two.Keys.Order());
        foreach (var (path, bytes) in one) Assert.True(bytes.AsSpan().SequenceEqual(two[path]), $"{path} differs between --jobs 1 and --jobs 2");
    }

    [Fact]
    public void A_rerun_uses_the_cache_and_changes_no_byte()
    {
        var first = Run("out");
        Assert.Equal(0, first.Cached);
        var before = Snapshot("out");
        var times = before.Keys.ToDictionary(k => k, k => File.GetLastWriteTimeUtc(Path.Combine(_root, "out", k)));

        var second = Run("out", jobs: 2);
        Assert.Equal(Samples.Length, second.Cached);
        Assert.Equal(first.Mentions, second.Mentions);
        var after = Snapshot("out");
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (path, bytes) in before)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(after[path]), $"{path} changed on a re-run");
            Assert.Equal(times[path], File.GetLastWriteTimeUtc(Path.Combine(_root, "out", path)));
        }

        // A changed file is processed again, the others come from the cache; --force redoes all.
        File.AppendAllText(Path.Combine(_input, Samples[1]), "\n");
        Assert.Equal(Samples.Length - 1, Run("out").Cached);
        Assert.Equal(0, Run("out", force: true).Cached);
        Assert.Equal(Samples.Length, Run("out").Cached);
    }

    [Fact]
    public void An_edited_pipeline_yaml_invalidates_the_cache()
    {
        // The shipped file with absolute model paths, so that it works from a temp folder.
        var yaml = File.ReadAllText(TestPaths.Combine("pipeline.yaml")).Replace("models/", TestPaths.Combine("models") + "/");
        BatchSummary RunWith(string text)
        {
            var path = Path.Combine(_root, "pipeline.yaml");
            File.WriteAllText(path, text);
            var loaded = PipelineConfig.Load(path);
            Assert.Null(loaded.Error);
            return new BatchRunner(new ReportPipelineBuilder(loaded.Config!).Build(), ReaderRegistry.CreateDefault(), TextWriter.Null)
                .Run(new BatchOptions(_input, Path.Combine(_root, "out")));
        }
        Assert.Equal(0, RunWith(yaml).Cached);
        Assert.Equal(Samples.Length, RunWith(yaml).Cached);
        Assert.Equal(0, RunWith(yaml + "\n# edited\n").Cached);
    }

    [Fact]
    public void Export_from_the_county_files_writes_the_same_bytes_as_run()
    {
        // A file with two reports, and a failed file between the good ones, exercise the table order.
        File.Copy(TestPaths.Combine("corpus", "003_356c60abb3feb7ae.txt"), Path.Combine(_input, "003.txt"));
        File.WriteAllBytes(Path.Combine(_input, "002-broken.pdf"), [.. Enumerable.Range(0, 256).Select(i => (byte)i)]);
        Run("out");
        var outDir = Path.Combine(_root, "out");
        var data = OutputReader.Read(outDir);
        foreach (var format in TableExporter.Formats)
        {
            var copy = Path.Combine(_root, "export-" + TableExporter.DefaultFileName(format));
            Assert.True(TableExporter.Write(data, format, copy));
            Assert.True(File.ReadAllBytes(Path.Combine(outDir, TableExporter.DefaultFileName(format))).AsSpan().SequenceEqual(File.ReadAllBytes(copy)),
                $"{format}: export differs from what run wrote");
            Assert.False(TableExporter.Write(data, format, copy));   // unchanged: not rewritten
        }
    }

    [Fact]
    public void A_cache_that_cannot_be_opened_costs_time_not_the_run()
    {
        var outDir = Path.Combine(_root, "out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, ".cache"), "a file where the cache folder should be");
        var log = new StringWriter();
        var summary = new BatchRunner(Pipeline.Value, ReaderRegistry.CreateDefault(), log)
            .Run(new BatchOptions(_input, outDir) { Jobs = 2 });
        Assert.Equal(0, summary.Errors);
        Assert.Contains("warning: cache:", log.ToString());
        Assert.Equal(summary.Mentions, JsonMentions("out"));
        Assert.True(File.Exists(Path.Combine(outDir, "mentions.xlsx")));
    }

    [Fact]
    public void Export_reads_back_what_run_wrote()
    {
        Run("out");
        var data = OutputReader.Read(Path.Combine(_root, "out"));
        Assert.Equal(JsonMentions("out"), data.Mentions.Count);
        Assert.Equal(Samples.Length, data.Documents.Count);
        Assert.Contains(data.Counties, c => c.Name == "仙居县" && c.Province == "浙江省" && c.City == "台州市");
        Assert.Throws<DirectoryNotFoundException>(() => OutputReader.Read(_input));
    }

    [Fact]
    public void Failed_files_are_listed_in_errors_and_the_tables()
    {
        File.WriteAllBytes(Path.Combine(_input, "broken.pdf"), [.. Enumerable.Range(0, 256).Select(i => (byte)i)]);
        var summary = Run("out");
        Assert.Equal(1, summary.Errors);
        var errorLines = File.ReadAllLines(Path.Combine(_root, "out", "errors.jsonl"));
        Assert.Contains("broken.pdf", Assert.Single(errorLines));

        var data = OutputReader.Read(Path.Combine(_root, "out"));
        Assert.Equal("broken.pdf", Assert.Single(data.Errors).Document);
        // The XLSX documents sheet: the mined documents, then the failed file, although it came between them in input order.
        using (var xlsx = SpreadsheetDocument.Open(Path.Combine(_root, "out", "mentions.xlsx"), false))
        {
            var wb = xlsx.WorkbookPart!;
            var sheet = wb.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "documents");
            var rows = ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            Assert.Equal(Samples.Length + 2, rows.Count);   // header, documents, the error
            var last = rows[^1].Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList();
            Assert.Equal(["broken.pdf", "error"], last.Take(2));
        }

        using var db = new SqliteConnection($"Data Source={Path.Combine(_root, "out", "reportminer.sqlite")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT document FROM errors";
        Assert.Equal("broken.pdf", (string)cmd.ExecuteScalar()!);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void Csv_fields_are_quoted_as_rfc4180_says(string field, string expected) => Assert.Equal(expected, CsvTableWriter.Quote(field));

    /// <summary>A small RFC 4180 reader, independent of the writer.</summary>
    private static List<List<string>> CsvRecords(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString()); field.Clear();
                records.Add(record); record = [];
                i++;
            }
            else field.Append(c);
        }
        Assert.False(quoted, "unterminated quoted field");
        Assert.Equal(0, field.Length + record.Count);
        return records;
    }
}
