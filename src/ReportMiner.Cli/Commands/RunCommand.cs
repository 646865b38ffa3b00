using System.CommandLine;
using System.Globalization;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;
using Spectre.Console;

namespace ReportMiner.Cli.Commands;

/// <summary><c>reportminer run --input DIR --out DIR [--jobs N] [--force] [--quiet] [--shard K/N]</c>: every stage over every file (or one part of them).</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Option<DirectoryInfo>("--input", "-i") { Description = "folder of reports (searched recursively)", Required = true };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "output folder (counties/*.json, errors.jsonl, tables, .cache/)", Required = true };
        var jobs = new Option<int>("--jobs", "-j") { Description = "files processed in parallel (default: the number of processors)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var force = new Option<bool>("--force") { Description = "process every file again, ignoring the cache" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "no progress output; only errors and the summary" };
        var shard = new Option<string?>("--shard") { Description = "mine only part K of N of the input (split by a hash of each file's path) and write shard.json for 'reportminer merge'" };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("run", "Mine every report under a folder into per-county JSON and tables.") { input, output, jobs, force, quiet, shard, config };
        command.SetAction(parse =>
        {
            var inputDir = parse.GetValue(input)!;
            if (!inputDir.Exists)
            {
                context.Error.WriteLine($"reportminer: {inputDir.FullName}: no such folder");
                return CliApp.ExitUsage;
            }
            int jobCount = parse.GetValue(jobs);
            if (jobCount < 1)
            {
                context.Error.WriteLine("reportminer: --jobs must be at least 1");
                return CliApp.ExitUsage;
            }
            ShardSpec? part = null;
            if (parse.GetValue(shard) is { } shardText)
            {
                if (!ShardSpec.TryParse(shardText, out var spec, out var shardError))
                {
                    context.Error.WriteLine($"reportminer: {shardError}");
                    return CliApp.ExitUsage;
                }
                part = spec;
            }
            var cfg = PipelineLoader.LoadConfig(parse.GetValue(config), context.Error);
            if (cfg is null) return CliApp.ExitUsage;
            var pipeline = PipelineLoader.Build(cfg, context.Error);
            if (pipeline is null) return CliApp.ExitUsage;
            var runner = new BatchRunner(pipeline, ReaderRegistry.CreateDefault(), context.Error);
            var options = new BatchOptions(inputDir.FullName, parse.GetValue(output)!.FullName) { Jobs = jobCount, Force = parse.GetValue(force), Shard = part };

            BatchSummary summary;
            if (parse.GetValue(quiet))
                summary = runner.Run(options);
            else if (IsTerminal(context))
                summary = AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("mining", maxValue: 1);
                        return runner.Run(options with
                        {
                            Progress = p =>
                            {
                                task.MaxValue = p.Total;
                                task.Value = p.Done;
                            },
                        });
                    });
            else
                summary = runner.Run(options with { Progress = PlainProgress(context.Error) });

            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                (part is { } p ? $"shard {p}: " : "") + "{0} files ({1} cached), {2} reports, {3} mentions, {4} counties, {5} errors in {6:0.00} s",
                summary.Files, summary.Cached, summary.Reports, summary.Mentions, summary.Counties, summary.Errors, summary.Elapsed.TotalSeconds));
            return summary.Errors > 0 ? CliApp.ExitSomeFailed : CliApp.ExitOk;
        });
        return command;
    }

    /// <summary>A progress bar only when the CLI writes to the real console and that console is a terminal.</summary>
    private static bool IsTerminal(CliContext context)
        => ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected && !Console.IsOutputRedirected
           && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>One line per tenth of the files (and the last one): "progress: 40/400 files (12 cached)".</summary>
    private static Action<BatchProgress> PlainProgress(TextWriter log)
    {
        int cached = 0, lastTenth = 0;
        return p =>
        {
            if (p.Cached) cached++;
            int tenth = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
            if (tenth == lastTenth && p.Done != p.Total) return;
            lastTenth = tenth;
            log.WriteLine(string.Format(CultureInfo.InvariantCulture, "progress: {0}/{1} files ({2} cached)", p.Done, p.Total, cached));
        };
    }
}
