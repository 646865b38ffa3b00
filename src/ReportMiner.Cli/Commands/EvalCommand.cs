using System.CommandLine;
using ReportMiner.Eval;

namespace ReportMiner.Cli.Commands;

/// <summary><c>reportminer eval --gold DIR --pred DIR [--config FILE]</c>: precision, recall, F1 per indicator.</summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var gold = new Option<DirectoryInfo>("--gold") { Description = "folder of gold annotations (searched recursively): the shipped corpus/gold or a team's own, e.g. written by review --apply", Required = true };
        var pred = new Option<DirectoryInfo>("--pred") { Description = "output folder of a run (or its counties/ folder)", Required = true };
        var details = new Option<bool>("--details") { Description = "list missed and spurious mentions" };
        var summary = new Option<bool>("--summary") { Description = "aggregates only (per indicator, micro, status accuracy): nothing that names a document" };
        var only = new Option<FileInfo?>("--only") { Description = "score only the documents this list file names (one key per line, # comments)" };
        var exclude = new Option<FileInfo?>("--exclude") { Description = "leave out the documents this list file names" };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("eval", "Score extracted mentions against gold annotations.") { gold, pred, details, summary, only, exclude, config };
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
            if (parse.GetValue(details) && parse.GetValue(summary))
            {
                context.Error.WriteLine("reportminer: --details and --summary exclude each other");
                return CliApp.ExitUsage;
            }
            if (!ReadSplit(context, parse.GetValue(only), out var onlySplit) || !ReadSplit(context, parse.GetValue(exclude), out var excludeSplit))
                return CliApp.ExitUsage;
            // The taxonomy says which indicators are scored exactly (scoring: exact).
            var cfg = PipelineLoader.LoadConfig(parse.GetValue(config), context.Error);
            if (cfg is null) return CliApp.ExitUsage;
            var (goldMentions, goldDocs, goldProblems) = MentionSets.ReadGold(g.FullName);
            var (predMentions, _, predProblems) = MentionSets.ReadPredictions(p.FullName);
            // Problems name files: with --summary they are counted, not listed.
            var problems = goldProblems.Concat(predProblems).ToList();
            if (parse.GetValue(summary)) { if (problems.Count > 0) context.Error.WriteLine($"warning: {problems.Count} unreadable gold or prediction files"); }
            else foreach (var problem in problems) context.Error.WriteLine($"warning: {problem}");
            goldDocs.RemoveWhere(d => !DocumentSplit.Keeps(d, onlySplit, excludeSplit));
            // Documents reviewed only in part are scored on the figures judged (see docs/review.md).
            var judged = GoldJudgements.JudgedOnly(predMentions, goldMentions, GoldJudgements.Read(g.FullName));
            var result = Scorer.Score(goldMentions.Where(m => goldDocs.Contains(m.Document)).ToList(), judged, goldDocs, cfg.Extraction.ExactlyScored());
            context.Out.Write(Scorer.Format(result, parse.GetValue(details), parse.GetValue(summary)));
            return CliApp.ExitOk;
        });
        return command;
    }

    /// <summary>Reads an optional document list; false after writing why it cannot be read.</summary>
    internal static bool ReadSplit(CliContext context, FileInfo? file, out DocumentSplit? split)
    {
        split = null;
        if (file is null) return true;
        split = DocumentSplit.Read(file.FullName, out var problem);
        if (split is null) context.Error.WriteLine($"reportminer: {problem}");
        return split is not null;
    }
}
