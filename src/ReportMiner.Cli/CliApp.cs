using System.CommandLine;
using ReportMiner.Cli.Commands;

namespace ReportMiner.Cli;

/// <summary>
/// Builds the command tree and runs it. Output goes through the given writers so tests
/// can run the CLI in-process. Exit codes: 0 ok, 1 some input files failed, 2 usage error.
/// </summary>
public static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitSomeFailed = 1;
    public const int ExitUsage = 2;

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("ReportMiner: mine indicators from Chinese county science-and-technology bureau work reports.");
        foreach (var command in CommandCatalog.All(context)) root.Subcommands.Add(command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is [WorkerMode.Verb, ..]) return WorkerMode.Run(args);
        var context = new CliContext(stdout, stderr);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await stderr.WriteLineAsync($"reportminer: {error.Message}");
            await stderr.WriteLineAsync("Run 'reportminer --help' for usage.");
            return ExitUsage;
        }
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parse.InvokeAsync(config);
    }
}

/// <summary>What every command gets: its output writers.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error);
