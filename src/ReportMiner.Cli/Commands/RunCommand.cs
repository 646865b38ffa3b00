using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using ReportMiner.Ingest;
using ReportMiner.Isolation;
using ReportMiner.Output;
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
        var inProcess = new Option<bool>("--in-process") { Description = "mine in this process instead of supervised worker processes (faster start; one hostile file can end the run)" };
        var shard = new Option<string?>("--shard") { Description = "mine only part K of N of the input (split by a hash of each file's path) and write shard.json for 'reportminer merge'" };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("run", "Mine every report under a folder into per-county JSON and tables.") { input, output, jobs, force, quiet, inProcess, shard, config };
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
            var outDir = parse.GetValue(output)!.FullName;
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
            // The output folder is checked and locked before anything is loaded or mined.
            using var heldLock = OutputFolderGuard.Lock(outDir, context.Error);
            if (heldLock is null) return CliApp.ExitUsage;
            var pipeline = PipelineLoader.Build(cfg, context.Error);
            if (pipeline is null) return CliApp.ExitUsage;
            // Workers share --jobs OCR slots (lock files in a folder of this run), so OCR never runs more Tesseracts than --jobs.
            var ocrSlots = Path.Combine(Path.GetTempPath(), $"reportminer-ocr-slots-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using var removeSlots = new DeleteFolder(ocrSlots);
            using var workers = parse.GetValue(inProcess) ? null
                : new WorkerPool(WorkerMode.CommandFor(cfg.SourcePath!) with { Environment = Ingest.OcrSlots.EnvironmentFor(jobCount, ocrSlots) }, WorkerMode.LimitsFor(cfg));
            var runner = new BatchRunner(pipeline, ReaderRegistry.CreateDefault(), context.Error, workers);
            using var stop = new CancellationTokenSource();
            PosixSignal? received = null;
            void OnSignal(PosixSignalContext signal)
            {
                if (received is not null) return;   // a second signal ends the process at once
                signal.Cancel = true;
                received = signal.Signal;
                stop.Cancel();
                workers?.Dispose();   // files in workers stop now
            }
            using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            var options = new BatchOptions(inputDir.FullName, outDir) { Jobs = jobCount, Force = parse.GetValue(force), Cancellation = stop.Token, Shard = part };

            BatchSummary summary;
            try
            {
                summary = Mine(runner, options, parse.GetValue(quiet), context);
            }
            catch (Exception) when (received is not null)
            {
                context.Error.WriteLine($"reportminer: interrupted ({received}): stopped; nothing half-done was published, the next run resumes from the cache");
                return received == PosixSignal.SIGTERM ? 143 : 130;
            }
            catch (WorkerStartException ex)
            {
                context.Error.WriteLine($"reportminer: {ex.Message}; run with --in-process to mine without workers");
                return CliApp.ExitUsage;
            }

            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                (part is { } p ? $"shard {p}: " : "") + "{0} files ({1} cached), {2} reports, {3} mentions, {4} counties, {5} errors, {7} duplicates in {6:0.00} s",
                summary.Files, summary.Cached, summary.Reports, summary.Mentions, summary.Counties, summary.Errors, summary.Elapsed.TotalSeconds, summary.Duplicates));
            return summary.Errors > 0 ? CliApp.ExitSomeFailed : CliApp.ExitOk;
        });
        return command;
    }

    private static BatchSummary Mine(BatchRunner runner, BatchOptions options, bool quiet, CliContext context)
    {
        if (quiet)
            return runner.Run(options);
        if (IsTerminal(context))
            return AnsiConsole.Progress()
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
        return runner.Run(options with { Progress = PlainProgress(context.Error) });
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

/// <summary>Removes a folder (if it was made) when disposed.</summary>
internal sealed class DeleteFolder(string path) : IDisposable
{
    public void Dispose()
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
