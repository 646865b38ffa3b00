using ReportMiner.Config;
using ReportMiner.Isolation;
using ReportMiner.Pipeline;

namespace ReportMiner.Cli.Commands;

/// <summary>
/// The hidden worker mode of <c>run</c> (<c>reportminer __worker --config FILE</c>): the process
/// <see cref="WorkerPool"/> starts to mine files outside the batch, and how to start it.
/// </summary>
internal static class WorkerMode
{
    public const string Verb = "__worker";

    /// <summary>Runs the worker loop on the process's real stdin/stdout; anything else printed goes to stderr.</summary>
    public static int Run(string[] args)
    {
        if (args.Length != 3 || args[1] != "--config")
        {
            Console.Error.WriteLine("reportminer: __worker is started by 'run'; it is not for direct use");
            return CliApp.ExitUsage;
        }
        var replies = Console.OpenStandardOutput();
        var requests = Console.OpenStandardInput();
        Console.SetOut(Console.Error);   // nothing but frames may reach stdout
        var loaded = PipelineConfig.Load(args[2]);
        if (loaded.Config is null)
        {
            Console.Error.WriteLine($"reportminer worker: {loaded.Error}");
            return CliApp.ExitUsage;
        }
        var pipeline = new ReportPipelineBuilder(loaded.Config).Build();
        return WorkerHost.Run(pipeline, requests, replies, WorkerHost.AddressSpaceBudget((long)loaded.Config.Ingest.WorkerMemoryMb << 20));
    }

    /// <summary>
    /// The command that starts a worker: this executable when it is the <c>reportminer</c>
    /// app host, else the dotnet host running this assembly (dotnet reportminer.dll, or a test host).
    /// </summary>
    public static WorkerCommand CommandFor(string configPath)
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "reportminer")
            return new WorkerCommand(self, [Verb, "--config", configPath]);
        var dotnet = self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : "dotnet";
        return new WorkerCommand(dotnet, ["exec", typeof(WorkerMode).Assembly.Location, Verb, "--config", configPath]);
    }

    /// <summary>The limits a configuration sets for workers.</summary>
    public static WorkerLimits LimitsFor(PipelineConfig config) => new(
        (long)config.Ingest.WorkerMemoryMb << 20,
        TimeSpan.FromSeconds(Math.Max(1, config.Ingest.TimeoutSeconds)),
        TimeSpan.FromSeconds(120));
}
