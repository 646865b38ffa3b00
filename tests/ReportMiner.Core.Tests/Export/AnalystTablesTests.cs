using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Data.Sqlite;
using ReportMiner.Export;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Export;

/// <summary>
/// The tables as an analyst loads them: the documented joins return one row per mention,
/// byte-identical copies are mined once and listed, XLSX cells carry booleans and dates, and
/// pandas reads <c>county_code</c> as text with the documented call.
/// </summary>
public sealed class AnalystTablesTests : IDisposable
{
    // 003 holds two reports: the join on the document id alone fans its mentions out.
    private static readonly string[] Samples = ["001_87709b1c34e14cd9.txt", "003_356c60abb3feb7ae.txt", "web/w005.txt", "web/w020.txt"];
    private readonly TempFolder _tmp = new("rm-analyst");
    private readonly string _input;

    public AnalystTablesTests()
    {
        _input = Path.Combine(_tmp.Path, "in");
        TestPaths.CopyCorpusFiles(_input, Samples);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _tmp.Dispose();
    }

    private BatchSummary Run(string outName, int jobs = 1)
        => new BatchRunner(SharedPipeline.Pipeline, ReaderRegistry.CreateDefault(), TextWriter.Null)
            .Run(new BatchOptions(_input, Path.Combine(_tmp.Path, outName)) { Jobs = jobs });

    /// <summary>The fenced block of <paramref name="language"/> in docs/exports.md whose first line is <paramref name="firstLine"/>.</summary>
    private static string DocBlock(string language, string firstLine)
    {
        var doc = File.ReadAllText(TestPaths.Combine("docs", "exports.md"));
        foreach (Match m in Regex.Matches(doc, "```" + language + "\n(.*?)```", RegexOptions.Singleline))
            if (m.Groups[1].Value.StartsWith(firstLine, StringComparison.Ordinal)) return m.Groups[1].Value;
        throw new InvalidOperationException($"docs/exports.md has no {language} block starting '{firstLine}'");
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void The_documented_join_of_mentions_and_documents_gives_one_row_per_mention()
    {
        var summary = Run("out");
        using var db = new SqliteConnection($"Data Source={Path.Combine(_tmp.Path, "out", "reportminer.sqlite")};Mode=ReadOnly;Pooling=False");
        db.Open();
        long mentions = Scalar(db, "SELECT COUNT(*) FROM mentions");
        Assert.Equal(summary.Mentions, mentions);
        Assert.True(Scalar(db, "SELECT COUNT(*) FROM documents WHERE id = '003_356c60abb3feb7ae.txt'") >= 2, "the sample has no file of two reports");
        // Joined on the id alone, a file of two reports doubles its mentions: the join this test guards against.
        Assert.True(Scalar(db, "SELECT COUNT(*) FROM mentions m JOIN documents d ON d.id = m.document") > mentions);

        // The documented query, as written in docs/exports.md, returns one row per mention, each mention once.
        var sql = DocBlock("sql", "-- each mention with its document");
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        var ids = new List<long>();
        using (var reader = cmd.ExecuteReader())
            while (reader.Read()) ids.Add(reader.GetInt64(0));
        Assert.Equal(mentions, ids.Count);
        Assert.Equal(mentions, ids.Distinct().Count());

        // The same key in the CSV and the XLSX: report is a column of the long table.
        Assert.Contains("report", MentionTable.Headers);
        var data = OutputReader.Read(Path.Combine(_tmp.Path, "out"));
        var keys = data.Documents.Select(d => (d.Id, d.Report ?? 1)).ToHashSet();
        Assert.All(data.Mentions, m => Assert.Contains((m.Document, m.Report), keys));
        Assert.Contains(data.Mentions, m => m.Report > 1);
    }

    [Fact]
    public void Byte_identical_copies_are_mined_once_and_listed()
    {
        var original = "001_87709b1c34e14cd9.txt";
        Directory.CreateDirectory(Path.Combine(_input, "copies"));
        File.Copy(Path.Combine(_input, original), Path.Combine(_input, "copies", "a.txt"));
        File.Copy(Path.Combine(_input, original), Path.Combine(_input, "zz-copy.txt"));
        var one = Run("one", jobs: 1);
        var two = Run("two", jobs: 2);
        Assert.Equal(2, one.Duplicates);
        Assert.Equal(2, two.Duplicates);
        Assert.Equal(one.Mentions, two.Mentions);
        var again = Run("one", jobs: 2);   // from the cache
        Assert.Equal(2, again.Duplicates);

        // Byte-identical outputs for --jobs 1 and 2 and a cached re-run.
        foreach (var file in Directory.GetFiles(Path.Combine(_tmp.Path, "one"), "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(Path.Combine(_tmp.Path, "one"), file);
            if (rel.StartsWith(".cache", StringComparison.Ordinal)) continue;
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_tmp.Path, "two", rel))), $"{rel} differs between --jobs 1 and 2");
        }

        // The copies are listed beside the original, in its county file, with no mentions of their own.
        var data = OutputReader.Read(Path.Combine(_tmp.Path, "one"));
        var copies = data.Documents.Where(d => d.DuplicateOf is not null).ToList();
        Assert.Equal(["copies/a.txt", "zz-copy.txt"], copies.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(copies, d => Assert.Equal(original, d.DuplicateOf));
        var originalRow = data.Documents.Single(d => d.Id == original);
        Assert.All(copies, d => Assert.Equal((originalRow.CountyKey, originalRow.Sha256), (d.CountyKey, d.Sha256)));
        Assert.DoesNotContain(data.Mentions, m => m.Document != original && copies.Any(c => c.Id == m.Document));
        Assert.Equal(data.Mentions.Count(m => m.Document == original), one.Mentions - data.Mentions.Count(m => m.Document != original));

        using var db = new SqliteConnection($"Data Source={Path.Combine(_tmp.Path, "one", "reportminer.sqlite")};Mode=ReadOnly;Pooling=False");
        db.Open();
        Assert.Equal(2, Scalar(db, $"SELECT COUNT(*) FROM documents WHERE duplicate_of = '{original}'"));
        Assert.Equal(0, Scalar(db, "SELECT COUNT(*) FROM mentions WHERE document IN ('copies/a.txt', 'zz-copy.txt')"));
    }

    [Fact]
    public void Xlsx_cells_hold_booleans_as_booleans_and_dates_as_dates()
    {
        Run("out");
        using var xlsx = SpreadsheetDocument.Open(Path.Combine(_tmp.Path, "out", "mentions.xlsx"), false);
        var wb = xlsx.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        List<Row> Rows(int sheet) => ((WorksheetPart)wb.GetPartById(sheets[sheet].Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        DocumentFormat.OpenXml.Spreadsheet.Cell At(Row row, string[] headers, string column)
            => row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference!.Value == XlsxTableWriter.ColumnName(Array.IndexOf(headers, column)) + row.RowIndex!.Value);

        var mentions = Rows(0).Skip(1).ToList();
        Assert.All(mentions, r =>
        {
            var c = At(r, MentionTable.Headers, "approximate");
            Assert.Equal(CellValues.Boolean, c.DataType!.Value);
            Assert.True(c.CellValue!.Text is "0" or "1", c.CellValue.Text);
        });
        Assert.Contains(mentions, r => At(r, MentionTable.Headers, "approximate").CellValue!.Text == "1");

        // published: a number (the day's serial) in the yyyy-mm-dd date format.
        var styles = wb.WorkbookStylesPart!.Stylesheet;
        var dated = Rows(2).Skip(1).Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>()
            .SingleOrDefault(c => c.CellReference!.Value == XlsxTableWriter.ColumnName(Array.IndexOf(MentionTable.DocumentHeaders, "published")) + r.RowIndex!.Value))
            .Where(c => c is not null).ToList();
        Assert.NotEmpty(dated);
        foreach (var c in dated)
        {
            Assert.Null(c!.DataType);
            var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)c.StyleIndex!.Value);
            var code = styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value;
            Assert.Equal("yyyy-mm-dd", code);
            var date = DateTime.FromOADate(double.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
            Assert.InRange(date.Year, 1990, 2030);
        }
        // The JSON's date and the cell's are the same day.
        var data = OutputReader.Read(Path.Combine(_tmp.Path, "out"));
        var first = data.Documents.First(d => d.Published is not null);
        Assert.Equal(XlsxTableWriter.DateSerial(first.Published!), dated.Select(c => c!.CellValue!.Text).First());
    }

    [PandasFact]
    public void Pandas_reads_county_code_as_text_with_the_documented_call()
    {
        // A report whose county cannot be named: its mentions have no code, which made pandas read the column as floats.
        File.WriteAllText(Path.Combine(_input, "anonymous.txt"), "**县科技局2023年工作总结\n2023年，全县新增高新技术企业15家，科技型中小企业入库32家，技术合同交易额1.2亿元。\n");
        Run("out");
        var outDir = Path.Combine(_tmp.Path, "out");
        var read = DocBlock("python", "import pandas as pd");
        var script = read.Replace("\"out/", "\"" + outDir.Replace("\\", "/") + "/") + """

            codes = m["county_code"].dropna()
            assert str(m["county_code"].dtype) in ("object", "string", "str"), m["county_code"].dtype
            assert len(codes) > 0 and all(isinstance(c, str) and len(c) == 6 and c.isdigit() for c in codes), list(codes)[:5]
            assert m["county_code"].isna().any(), "no mention without a code: the case that made pandas read floats"
            assert len(joined) == len(m), (len(joined), len(m))
            print(len(m))
            """;
        var psi = new ProcessStartInfo(PythonWith("pandas")!) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-");
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(script);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr);
        var data = OutputReader.Read(outDir);
        Assert.Equal(data.Mentions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), stdout.Trim());
    }

    /// <summary>A python3 that can import <paramref name="module"/> (the one on PATH, else the system's: pyenv shims shadow Debian's packages), or null.</summary>
    internal static string? PythonWith(string module)
    {
        foreach (var python in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                var psi = new ProcessStartInfo(python, ["-c", "import " + module]) { RedirectStandardError = true, RedirectStandardOutput = true };
                using var p = Process.Start(psi)!;
                p.WaitForExit();
                if (p.ExitCode == 0) return python;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed there
            }
        }
        return null;
    }
}
