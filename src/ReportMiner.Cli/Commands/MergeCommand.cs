using System.CommandLine;
using System.Globalization;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Cli.Commands;

/// <summary>
/// <c>reportminer merge --out DIR SHARD_OUT...</c>: the output folders of <c>run --shard K/N</c>
/// (every K of one N) into one output folder, byte-identical to a single <c>run</c> over the whole input.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var shards = new Argument<DirectoryInfo[]>("shards") { Description = "the output folders of 'run --shard K/N', one per part", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "output folder for the merged result (as 'run --out' writes it)", Required = true };
        var jobs = new Option<int>("--jobs", "-j") { Description = "threads for reading results and finishing outputs (default: the number of processors)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("merge", "Merge the output folders of 'run --shard K/N' into what one run over the whole input writes.") { shards, output, jobs, config };
        command.SetAction(parse =>
        {
            int jobCount = parse.GetValue(jobs);
            if (jobCount < 1)
            {
                context.Error.WriteLine("reportminer: --jobs must be at least 1");
                return CliApp.ExitUsage;
            }
            // The pipeline is built (not run) for its identity and output settings, which must be the shards'.
            var cfg = PipelineLoader.LoadConfig(parse.GetValue(config), context.Error);
            if (cfg is null) return CliApp.ExitUsage;
            var pipeline = PipelineLoader.Build(cfg, context.Error);
            if (pipeline is null) return CliApp.ExitUsage;
            var outDir = parse.GetValue(output)!.FullName;
            using var heldLock = OutputFolderGuard.Lock(outDir, context.Error);
            if (heldLock is null) return CliApp.ExitUsage;
            var runner = new BatchRunner(pipeline, ReaderRegistry.CreateDefault(), context.Error);
            var dirs = parse.GetValue(shards)!.Select(d => d.FullName).ToList();
            var options = new BatchOptions("", outDir) { Jobs = jobCount };
            BatchSummary summary;
            try
            {
                summary = ShardMerger.Merge(runner, dirs, options);
            }
            catch (ShardMergeException ex)
            {
                context.Error.WriteLine($"reportminer: merge refused: {ex.Message}");
                return CliApp.ExitUsage;
            }
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "merged {0} shards: {1} files, {2} reports, {3} mentions, {4} counties, {5} errors, {7} duplicates in {6:0.00} s",
                dirs.Count, summary.Files, summary.Reports, summary.Mentions, summary.Counties, summary.Errors, summary.Elapsed.TotalSeconds, summary.Duplicates));
            return summary.Errors > 0 ? CliApp.ExitSomeFailed : CliApp.ExitOk;
        });
        return command;
    }
}
