using System.CommandLine;
using System.Globalization;
using ReportMiner.Export;

namespace ReportMiner.Cli.Commands;

/// <summary><c>reportminer export --from OUT --format csv|xlsx|sqlite [--to PATH]</c>: tables from a run's output folder.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "output folder of a run (holding counties/ and errors.jsonl)", Required = true };
        var format = new Option<string>("--format", "-f") { Description = "table format", Required = true };
        format.AcceptOnlyFromAmong([.. TableExporter.Formats]);
        var to = new Option<FileInfo?>("--to") { Description = "file to write (default: mentions.csv, mentions.xlsx or reportminer.sqlite in --from)" };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("export", "Write the mentions of an output folder as a CSV, XLSX or SQLite table.") { from, format, to, config };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(from)!;
            if (!Directory.Exists(Path.Combine(dir.FullName, "counties")))
            {
                context.Error.WriteLine($"reportminer: {dir.FullName}: not an output folder (no counties/ inside)");
                return CliApp.ExitUsage;
            }
            var fmt = parse.GetValue(format)!;
            var path = parse.GetValue(to)?.FullName ?? Path.Combine(dir.FullName, TableExporter.DefaultFileName(fmt));
            if (Directory.Exists(path))
            {
                context.Error.WriteLine($"reportminer: --to {path}: is a folder; give a file name (e.g. {Path.Combine(path, TableExporter.DefaultFileName(fmt))})");
                return CliApp.ExitUsage;
            }
            var (cfg, data, exit) = OutputFolderReader.Read(dir.FullName, parse.GetValue(config), context.Error);
            if (cfg is null || data is null) return exit;
            TableExporter.Write(data, fmt, path, cfg.Output.Panel.ToOptions());
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "wrote {0}: {1} mentions, {2} counties, {3} documents, {4} errors",
                path, data.Mentions.Count, data.Counties.Count, data.Documents.Count, data.Errors.Count));
            return CliApp.ExitOk;
        });
        return command;
    }
}
