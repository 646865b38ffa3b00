using System.CommandLine;

namespace ReportMiner.Cli.Commands;

/// <summary>The verbs, one class each in this folder.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All(CliContext context)
    {
        yield return RunCommand.Create(context);
        yield return MergeCommand.Create(context);
        yield return ExtractCommand.Create(context);
        yield return EvalCommand.Create(context);
        yield return TrainCommand.Create(context);
        yield return CvCommand.Create(context);
        yield return ExportCommand.Create(context);
        yield return ReportCommand.Create(context);
        yield return ReviewCommand.Create(context);
        yield return SegmentCommand.Create(context);
    }
}
