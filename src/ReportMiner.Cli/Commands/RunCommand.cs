using System.CommandLine;
using System.Globalization;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Cli.Commands;

/// <summary><c>reportminer run --input DIR --out DIR</c>: every stage over every file.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Option<DirectoryInfo>("--input", "-i") { Description = "folder of reports (searched recursively)", Required = true };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "output folder (counties/*.json, errors.jsonl)", Required = true };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("run", "Mine every report under a folder into per-county JSON.") { input, output, config };
        command.SetAction(parse =>
        {
            var inputDir = parse.GetValue(input)!;
            if (!inputDir.Exists)
            {
                context.Error.WriteLine($"reportminer: {inputDir.FullName}: no such folder");
                return CliApp.ExitUsage;
            }
            var cfg = PipelineLoader.LoadConfig(parse.GetValue(config), context.Error);
            if (cfg is null) return CliApp.ExitUsage;
            var pipeline = PipelineLoader.Build(cfg);
            var runner = new BatchRunner(pipeline, ReaderRegistry.CreateDefault(), context.Error);
            var summary = runner.Run(new BatchOptions(inputDir.FullName, parse.GetValue(output)!.FullName));
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0} files, {1} reports, {2} mentions, {3} counties, {4} errors in {5:0.00} s",
                summary.Files, summary.Reports, summary.Mentions, summary.Counties, summary.Errors, summary.Elapsed.TotalSeconds));
            return summary.Errors > 0 ? CliApp.ExitSomeFailed : CliApp.ExitOk;
        });
        return command;
    }
}
