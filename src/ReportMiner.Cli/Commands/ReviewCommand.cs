using System.CommandLine;
using System.Globalization;
using System.Text;
using ReportMiner.Export;
using ReportMiner.Output;
using ReportMiner.Pipeline;
using ReportMiner.Review;

namespace ReportMiner.Cli.Commands;

/// <summary>
/// <c>reportminer review --from OUT --input DIR --to review.xlsx [--sample N --seed S] [--indicator ID]</c>:
/// a workbook for an analyst to judge the mentions of a run; <c>reportminer review --apply review.xlsx --gold DIR</c>:
/// the judged workbook into gold files.
/// </summary>
internal static class ReviewCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<DirectoryInfo?>("--from") { Description = "output folder of a run (holding counties/)" };
        var input = new Option<DirectoryInfo?>("--input") { Description = "the folder the run mined (the sources give the figures' offsets); with --apply: where the documents are now, if they moved" };
        var to = new Option<FileInfo?>("--to") { Description = "review workbook to write (.xlsx)" };
        var sample = new Option<int?>("--sample") { Description = "review only N mentions, the least confident first" };
        var seed = new Option<int>("--seed") { Description = "breaks ties between equally confident mentions when sampling (same seed, same sample)", DefaultValueFactory = _ => 0 };
        var indicator = new Option<string?>("--indicator") { Description = "only mentions of this indicator id" };
        var apply = new Option<FileInfo?>("--apply") { Description = "a reviewed workbook to turn into gold" };
        var gold = new Option<DirectoryInfo?>("--gold") { Description = "with --apply: gold folder to merge into (corpus/gold format; created if missing)" };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("review", "Write a review workbook of a run's mentions, or turn a reviewed workbook into gold (--apply).")
            { from, input, to, sample, seed, indicator, apply, gold, config };
        command.SetAction(parse =>
        {
            var cfg = PipelineLoader.LoadConfig(parse.GetValue(config), context.Error);
            if (cfg is null) return CliApp.ExitUsage;
            var tokenizer = Segment.JiebaTokenizer.Load(cfg.SegmenterOptions());
            var rules = new ReportPipelineBuilder(cfg).WithTokenizer(tokenizer).RulesOnly().Build();
            if (parse.GetValue(apply) is { } workbook)
                return Apply(context, rules, workbook, parse.GetValue(gold), parse.GetValue(input));
            return Write(context, rules, parse.GetValue(from), parse.GetValue(input), parse.GetValue(to),
                new ReviewOptions(parse.GetValue(sample), parse.GetValue(seed), parse.GetValue(indicator)));
        });
        return command;
    }

    private static int Write(CliContext context, ReportPipeline rules, DirectoryInfo? from, DirectoryInfo? input, FileInfo? to, ReviewOptions options)
    {
        if (from is null || input is null || to is null)
        {
            context.Error.WriteLine("reportminer: review needs --from OUT --input DIR --to FILE.xlsx (or --apply FILE.xlsx --gold DIR)");
            return CliApp.ExitUsage;
        }
        if (!Directory.Exists(Path.Combine(from.FullName, "counties")))
        {
            context.Error.WriteLine($"reportminer: {from.FullName}: not an output folder (no counties/ inside)");
            return CliApp.ExitUsage;
        }
        if (!input.Exists)
        {
            context.Error.WriteLine($"reportminer: {input.FullName}: no such folder");
            return CliApp.ExitUsage;
        }
        if (options.Sample is < 1)
        {
            context.Error.WriteLine("reportminer: --sample must be at least 1");
            return CliApp.ExitUsage;
        }
        if (options.Indicator is { } id && rules.Config.Extraction.Indicators.All(r => r.Id != id))
        {
            context.Error.WriteLine($"reportminer: --indicator {id}: not an indicator of pipeline.yaml ({string.Join(", ", rules.Config.Extraction.Indicators.Select(r => r.Id))})");
            return CliApp.ExitUsage;
        }
        ExportData data;
        try
        {
            data = OutputReader.Read(from.FullName);
        }
        catch (InvalidDataException ex)
        {
            context.Error.WriteLine($"reportminer: {ex.Message}");
            return CliApp.ExitSomeFailed;
        }
        var problems = new List<string>();
        var book = ReviewBuilder.Build(data, input.FullName, new ReviewSources(rules), options, rules.Config.Extraction, problems);
        foreach (var p in problems) context.Error.WriteLine($"warning: {p}");
        if (to.Directory is { Exists: false } dir) dir.Create();
        ReviewWorkbookWriter.Write(book, to.FullName);
        context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "wrote {0}: {1} mentions to review from {2} documents (of {3} mentions in {4})",
            to.FullName, book.Rows.Count, book.Rows.Select(r => r.Mention.Document).Distinct().Count(), data.Mentions.Count, from.FullName));
        return problems.Count > 0 ? CliApp.ExitSomeFailed : CliApp.ExitOk;
    }

    private static int Apply(CliContext context, ReportPipeline rules, FileInfo workbook, DirectoryInfo? gold, DirectoryInfo? input)
    {
        if (gold is null)
        {
            context.Error.WriteLine("reportminer: review --apply needs --gold DIR (the gold folder to write into)");
            return CliApp.ExitUsage;
        }
        if (!workbook.Exists)
        {
            context.Error.WriteLine($"reportminer: {workbook.FullName}: no such file");
            return CliApp.ExitUsage;
        }
        if (input is { Exists: false })
        {
            context.Error.WriteLine($"reportminer: {input.FullName}: no such folder");
            return CliApp.ExitUsage;
        }
        var plan = new ReviewApplier(rules).Plan(workbook.FullName, gold.FullName, input?.FullName);
        if (plan.Errors.Count > 0)
        {
            // One line per problem, each naming its cell; the exit code says nothing was written.
            foreach (var e in plan.Errors) context.Error.WriteLine(e);
            return CliApp.ExitUsage;
        }
        foreach (var (path, json, _) in plan.Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(json));
        }
        context.Out.WriteLine(plan.Summary);
        return CliApp.ExitOk;
    }
}
