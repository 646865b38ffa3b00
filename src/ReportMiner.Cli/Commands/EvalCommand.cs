using System.CommandLine;
using ReportMiner.Eval;

namespace ReportMiner.Cli.Commands;

/// <summary><c>reportminer eval --gold DIR --pred DIR [--config FILE]</c>: precision, recall, F1 per indicator.</summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var gold = new Option<DirectoryInfo>("--gold") { Description = "folder of gold annotations (searched recursively)", Required = true };
        var pred = new Option<DirectoryInfo>("--pred") { Description = "output folder of a run (or its counties/ folder)", Required = true };
        var details = new Option<bool>("--details") { Description = "list missed and spurious mentions" };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("eval", "Score extracted mentions against gold annotations.") { gold, pred, details, config };
        command.SetAction(parse =>
        {
            var g = parse.GetValue(gold)!;
            var p = parse.GetValue(pred)!;
            foreach (var d in new[] { g, p })
            {
                if (!d.Exists)
                {
                    context.Error.WriteLine($"reportminer: {d.FullName}: no such folder");
                    return CliApp.ExitUsage;
                }
            }
            // The taxonomy says which indicators are scored exactly (scoring: exact).
            var cfg = PipelineLoader.LoadConfig(parse.GetValue(config), context.Error);
            if (cfg is null) return CliApp.ExitUsage;
            var (goldMentions, goldDocs, goldProblems) = MentionSets.ReadGold(g.FullName);
            var (predMentions, _, predProblems) = MentionSets.ReadPredictions(p.FullName);
            foreach (var problem in goldProblems.Concat(predProblems)) context.Error.WriteLine($"warning: {problem}");
            var result = Scorer.Score(goldMentions, predMentions, goldDocs, cfg.Extraction.ExactlyScored());
            context.Out.Write(Scorer.Format(result, parse.GetValue(details)));
            return CliApp.ExitOk;
        });
        return command;
    }
}
