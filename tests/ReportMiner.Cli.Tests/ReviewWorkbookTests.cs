using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ReportMiner.Ingest;

namespace ReportMiner.Cli.Tests;

/// <summary>A fact that runs only where LibreOffice's soffice is installed, and is reported as skipped elsewhere.</summary>
public sealed class SofficeFactAttribute : FactAttribute
{
    public SofficeFactAttribute()
    {
        if (LegacyWordReportReader.FindSoffice(null) is null)
            Skip = "skipped: soffice not installed (apt-get install libreoffice-calc-nogui to run it)";
    }
}

/// <summary>Two review fixtures in a folder (<see cref="Copy"/>) and one run over them, made once for <see cref="ReviewWorkbookTests"/>.</summary>
public sealed class ReviewRunFixture : IAsyncLifetime
{
    public string Root { get; } = Repo.NewTempDir();

    /// <summary>The output folder of the run over the fixtures (the tests only read it).</summary>
    public string Output => Path.Combine(Root, "out");

    /// <summary>Copies the two fixtures into <paramref name="input"/> (made if needed).</summary>
    public static void Copy(string input)
    {
        Directory.CreateDirectory(input);
        foreach (var name in new[] { "r1.txt", "r2.txt" }) File.Copy(Repo.Path("tests", "fixtures", "review", name), Path.Combine(input, name), overwrite: true);
    }

    public async Task InitializeAsync()
    {
        var input = Path.Combine(Root, "in");
        Copy(input);
        var (exit, _, err) = await Cli.RunAsync("run", "--input", input, "--out", Output, "--config", Repo.Path("pipeline.yaml"), "--quiet");
        Assert.True(exit == 0, err);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>The review workbook as a file: its drop-downs are real data validations, it opens in LibreOffice, bad edits are refused cell by cell.</summary>
[ReportMiner.Testing.StartsEarly]
public sealed class ReviewWorkbookTests(ReviewRunFixture run) : IDisposable, IClassFixture<ReviewRunFixture>
{
    private readonly string _root = Repo.NewTempDir();

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static string Config => Repo.Path("pipeline.yaml");

    /// <summary>
    /// Writes the review workbook of the two fixtures, copied into this test's own input folder (some tests change them),
    /// from the class's run over the same bytes, or from a run of their own with <paramref name="ownRun"/>; returns (input, workbook).
    /// </summary>
    private async Task<(string Input, string Workbook)> Workbook(bool ownRun, params string[] extra)
    {
        var input = Path.Combine(_root, "in");
        ReviewRunFixture.Copy(input);
        var output = run.Output;
        if (ownRun)
        {
            output = Path.Combine(_root, "out-" + Guid.NewGuid().ToString("N")[..6]);
            var (runExit, _, runErr) = await Cli.RunAsync("run", "--input", input, "--out", output, "--config", Config, "--quiet");
            Assert.True(runExit == 0, runErr);
        }
        var workbook = Path.Combine(_root, "review-" + Guid.NewGuid().ToString("N")[..6] + ".xlsx");
        var (exit, _, err) = await Cli.RunAsync(["review", "--from", output, "--input", input, "--to", workbook, "--config", Config, .. extra]);
        Assert.True(exit == 0, err);
        return (input, workbook);
    }

    /// <summary>The values of a list validation's source: a defined name resolved to its range on the lists sheet.</summary>
    private static List<string> ListValues(WorkbookPart book, string formula)
    {
        var name = book.Workbook.DefinedNames!.Elements<DefinedName>().Single(n => n.Name == formula).Text;   // e.g. lists!$A$2:$A$7
        var (sheetName, range) = (name.Split('!')[0], name.Split('!')[1].Replace("$", ""));
        var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        Assert.Equal(SheetStateValues.Hidden, sheet.State!.Value);
        var part = (WorksheetPart)book.GetPartById(sheet.Id!);
        var shared = book.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        var from = range.Split(':')[0];
        var to = range.Split(':')[1];
        string column = new(from.TakeWhile(char.IsLetter).ToArray());
        int first = int.Parse(from[column.Length..]), last = int.Parse(to[column.Length..]);
        return part.Worksheet.Descendants<Cell>().Where(c =>
        {
            var r = c.CellReference!.Value!;
            return r.StartsWith(column, StringComparison.Ordinal) && char.IsDigit(r[column.Length]) && int.Parse(r[column.Length..]) is var n && n >= first && n <= last;
        }).Select(c => shared[int.Parse(c.CellValue!.Text)]).ToList();
    }

    private static string ColumnOf(ReviewWorkbookEditor editor, string sheet, string header) => editor.Headers(sheet).Single(h => h.Value == header).Key;

    [Fact]
    public async Task Drop_downs_are_list_validations_with_the_closed_sets()
    {
        var (_, workbook) = await Workbook(ownRun: false);
        using var editor = new ReviewWorkbookEditor(workbook, editable: false);
        int rows = editor.Rows("mentions").Count;
        Assert.True(rows > 10);
        {
            var indicators = YamlIndicators();
            var expected = new Dictionary<(string Sheet, string Header), List<string>>
            {
                [("mentions", "verdict")] = ["ok", "wrong indicator", "wrong status", "wrong value", "wrong period", "not a figure"],
                [("mentions", "correct_indicator")] = indicators,
                [("mentions", "correct_status")] = ["actual", "target"],
                [("mentions", "correct_qualifier")] = ["new", "applied", "total", "invention", "none"],
                [("missed", "indicator")] = indicators,
                [("missed", "status")] = ["actual", "target"],
                [("missed", "document")] = ["r1.txt", "r2.txt"],
            };
            foreach (var ((sheet, header), values) in expected)
            {
                var column = ColumnOf(editor, sheet, header);
                var validations = editor.Part(sheet).Worksheet.GetFirstChild<DataValidations>()!.Elements<DataValidation>().ToList();
                var v = validations.Single(x => (x.SequenceOfReferences?.InnerText ?? "").StartsWith(column + "2:", StringComparison.Ordinal));
                Assert.Equal(DataValidationValues.List, v.Type!.Value);
                Assert.True(v.ShowErrorMessage!.Value);   // other values are refused
                if (sheet == "mentions") Assert.Equal($"{column}2:{column}{rows + 1}", v.SequenceOfReferences!.InnerText);
                Assert.Equal(values.Order(StringComparer.Ordinal), ListValues(editor.Workbook, v.Formula1!.Text).Order(StringComparer.Ordinal));
            }
        }
    }

    /// <summary>The indicator ids of pipeline.yaml, read as text.</summary>
    private static List<string> YamlIndicators()
        => File.ReadLines(Config).Select(l => l.Trim()).Where(l => l.StartsWith("- id: ", StringComparison.Ordinal)).Select(l => l["- id: ".Length..].Trim()).ToList();

    [Fact]
    public async Task Figure_is_highlighted_in_its_sentence_and_the_least_confident_come_first()
    {
        var (input, workbook) = await Workbook(ownRun: false, "--sample", "8", "--seed", "3");
        var (_, again) = await Workbook(ownRun: true, "--sample", "8", "--seed", "3");
        // The same seed gives the same workbook (also from another run over the same files).
        Assert.Equal(await File.ReadAllBytesAsync(workbook), await File.ReadAllBytesAsync(again));
        using (var editor = new ReviewWorkbookEditor(workbook, editable: false))
        {
            var rows = editor.Rows("mentions");
            Assert.Equal(8, rows.Count);
            var confidences = rows.Select(r => double.Parse(r.Cells["confidence"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(confidences.Order(), confidences);
            var part = editor.Part("mentions");
            var sentenceColumn = ColumnOf(editor, "mentions", "sentence");
            var items = part.GetParentParts().OfType<WorkbookPart>().Single().SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ToList();
            foreach (var (row, cells) in rows)
            {
                var cell = part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == sentenceColumn + row);
                var item = items[int.Parse(cell.CellValue!.Text)];
                var bold = item.Elements<Run>().Single(r => r.RunProperties?.GetFirstChild<Bold>() is not null);
                Assert.Equal(cells["raw"], bold.InnerText);
                // The source span points at raw in the file.
                var text = File.ReadAllText(Path.Combine(input, cells["document"]));
                int start = int.Parse(cells["source_start"]), end = int.Parse(cells["source_end"]);
                Assert.Equal(cells["raw"], text[start..end]);
            }
        }
    }

    [SofficeFact]
    public async Task Workbook_opens_in_LibreOffice()
    {
        var (_, workbook) = await Workbook(ownRun: false);
        var soffice = LegacyWordReportReader.FindSoffice(null)!;
        var outDir = Path.Combine(_root, "pdf");
        var profile = new Uri(Path.Combine(_root, "lo-profile")).AbsoluteUri;
        var start = new ProcessStartInfo(soffice) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf", "--outdir", outDir, workbook }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(180_000), "soffice did not finish in 180 s");
        Assert.True(process.ExitCode == 0, await stderr);
        var pdf = Path.Combine(outDir, Path.GetFileNameWithoutExtension(workbook) + ".pdf");
        Assert.True(File.Exists(pdf), "no PDF: " + await stdout + await stderr);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4));
    }

    public static TheoryData<string, string> BadEdits => new()
    {
        { "renamed sheet", "sheet 'missed' is missing" },
        { "missing column", "sheet 'mentions', row 1: column 'verdict' is missing" },
        { "verdict outside the list", "sheet 'mentions', row 2, column 'verdict' (N2): 'maybe' is not a verdict" },
        { "value not from raw", "sheet 'missed', row 2, column 'value' (H2): 3.5 does not follow from raw" },
        { "corrected value not from raw", "sheet 'mentions', row 3, column 'correct_value' (T3): 99 does not follow from raw" },
        { "raw not in source", "sheet 'missed', row 2, column 'raw' (B2): '777家' is not in the source of r1.txt" },
        { "source changed since the review", "sheet 'mentions', row 2, column 'document' (K2): 'r1.txt': " },
        { "qualifier of another indicator", "sheet 'mentions', row 2, column 'correct_qualifier' (Q2): 'invention' is not a qualifier of" },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public async Task Bad_workbook_gives_one_line_naming_the_cell_and_writes_nothing(string fault, string expected)
    {
        var (input, workbook) = await Workbook(ownRun: false);
        using (var editor = new ReviewWorkbookEditor(workbook))
        {
            var rows = editor.Rows("mentions");
            foreach (var (row, _) in rows) editor.Set("mentions", row, "verdict", "ok");
            var first = rows[0];
            switch (fault)
            {
                case "renamed sheet": editor.RenameSheet("missed", "Missed figures"); break;
                case "missing column": editor.RenameHeader("mentions", "verdict", "my verdict"); break;
                case "verdict outside the list": editor.Set("mentions", first.Row, "verdict", "maybe"); break;
                case "value not from raw":
                    editor.Set("missed", 2, "document", "r1.txt");
                    editor.Set("missed", 2, "raw", "2.1%");
                    editor.Set("missed", 2, "indicator", "rd_intensity");
                    editor.Set("missed", 2, "status", "actual");
                    editor.Set("missed", 2, "value", "3.5");
                    break;
                case "corrected value not from raw":
                    editor.Set("mentions", rows[1].Row, "verdict", "wrong value");
                    editor.Set("mentions", rows[1].Row, "correct_value", "99");
                    break;
                case "raw not in source":
                    editor.Set("missed", 2, "document", "r1.txt");
                    editor.Set("missed", 2, "raw", "777家");
                    editor.Set("missed", 2, "indicator", "high_tech_enterprises");
                    editor.Set("missed", 2, "status", "actual");
                    break;
                case "source changed since the review":
                    File.AppendAllText(Path.Combine(input, "r1.txt"), "补记一行。\n");
                    break;
                case "qualifier of another indicator":
                    Assert.Equal("high_tech_enterprises", first.Cells["indicator"]);
                    editor.Set("mentions", first.Row, "verdict", "wrong status");
                    editor.Set("mentions", first.Row, "correct_qualifier", "invention");
                    break;
            }
            editor.Save();
        }
        var gold = Path.Combine(_root, "gold");
        var (exit, stdout, stderr) = await Cli.RunAsync("review", "--apply", workbook, "--gold", gold, "--config", Config);
        Assert.Equal(CliApp.ExitUsage, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, stderr);
        Assert.Contains(expected, lines[0]);
        if (fault == "source changed since the review") Assert.Contains("has changed since the run", lines[0]);
        Assert.StartsWith(Path.GetFileName(workbook) + ": ", lines[0]);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(gold) && Directory.EnumerateFileSystemEntries(gold).Any(), "something was written");
    }

    [Theory]
    [InlineData("review", "needs --from OUT --input DIR --to FILE.xlsx")]
    [InlineData("review --apply x.xlsx", "needs --gold DIR")]
    [InlineData("review --from . --input . --to r.xlsx --indicator no_such_indicator", "not an indicator of pipeline.yaml")]
    [InlineData("train --gold {corpus}/gold --gold {corpus}/gold/web --corpus {corpus} --corpus {corpus} --corpus {corpus}", "one per --gold in the same order")]
    public async Task Usage_errors_exit_2_with_one_line(string args, string expected)
    {
        Directory.CreateDirectory(Path.Combine(_root, "counties"));
        var argv = args.Replace("{corpus}", Repo.Path("corpus")).Split(' ').Select(a => a == "." ? _root : a).Append("--config").Append(Config).ToArray();
        var (exit, _, stderr) = await Cli.RunAsync(argv);
        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Review_has_help()
    {
        var (exit, stdout, _) = await Cli.RunAsync("review", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("--apply", stdout);
        Assert.Contains("--sample", stdout);
    }
}
