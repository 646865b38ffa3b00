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
        // --debug (anywhere) prints the stack trace of an error; without it an error is one line.
        bool debug = args.Contains("--debug");
        args = [.. args.Where(a => a != "--debug")];
        var context = new CliContext(stdout, stderr);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await stderr.WriteLineAsync($"reportminer: {error.Message}");
            await stderr.WriteLineAsync("Run 'reportminer --help' for usage.");
            return ExitUsage;
        }
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config);
        }
        catch (Exception ex)
        {
            await stderr.WriteLineAsync(debug ? $"reportminer: {ex}" : Output.TerminalText.Escape($"reportminer: {Describe(ex)}"));
            return ExitUsage;
        }
    }

    /// <summary>One line for an error nothing else caught: what failed, on which path; no stack trace.</summary>
    internal static string Describe(Exception ex)
    {
        var inner = ex is AggregateException { InnerExceptions.Count: > 0 } agg ? agg.InnerExceptions[0] : ex;
        var message = inner.Message.ReplaceLineEndings(" ").Trim();
        return inner switch
        {
            UnauthorizedAccessException => $"{message} (permission denied; check the path's permissions)",
            IOException => $"{message} (check the path and free space)",
            _ => $"{message} ({inner.GetType().Name}; run with --debug for the stack trace)",
        };
    }
}

/// <summary>What every command gets: its output writers.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error);
