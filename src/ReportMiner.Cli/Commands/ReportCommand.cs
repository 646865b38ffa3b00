using System.CommandLine;
using System.Globalization;
using ReportMiner.Export;

namespace ReportMiner.Cli.Commands;

/// <summary><c>reportminer report --from OUT [--to FILE]</c>: the HTML report of a run's output folder (what <c>run</c> writes as OUT/report.html).</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "output folder of a run (holding counties/ and errors.jsonl)", Required = true };
        var to = new Option<FileInfo?>("--to") { Description = "HTML file to write (default: report.html in --from)" };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("report", "Write a self-contained HTML report (coverage, conflicts, per-county tables and charts) of an output folder.") { from, to, config };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(from)!;
            if (!Directory.Exists(Path.Combine(dir.FullName, "counties")))
            {
                context.Error.WriteLine($"reportminer: --from {dir.FullName}: not an output folder (no counties/ inside)");
                return CliApp.ExitUsage;
            }
            var path = parse.GetValue(to)?.FullName ?? Path.Combine(dir.FullName, HtmlReportWriter.FileName);
            if (Directory.Exists(path))
            {
                context.Error.WriteLine($"reportminer: --to {path}: is a folder; give a file name (e.g. {Path.Combine(path, HtmlReportWriter.FileName)})");
                return CliApp.ExitUsage;
            }
            var parent = Path.GetDirectoryName(path);
            if (parent is not null && !Directory.Exists(parent))
            {
                context.Error.WriteLine($"reportminer: --to {path}: folder {parent} does not exist; create it first");
                return CliApp.ExitUsage;
            }
            var (cfg, data, exit) = OutputFolderReader.Read(dir.FullName, parse.GetValue(config), context.Error);
            if (cfg is null || data is null) return exit;
            using (var writer = new HtmlReportWriter(path, cfg.Output.Panel.ToOptions()))
            {
                TableFeed.Feed(data, [writer]);
                writer.Complete(data.Counties);
            }
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "wrote {0}: {1} counties, {2} mentions, {3} errors",
                path, data.Counties.Count, data.Mentions.Count, data.Errors.Count));
            return CliApp.ExitOk;
        });
        return command;
    }
}
