using System.CommandLine;
using ReportMiner.Classify;
using ReportMiner.Eval;
using ReportMiner.Training;

namespace ReportMiner.Cli.Commands;

/// <summary><c>reportminer cv --gold DIR --corpus DIR</c>: rules alone against rules+ML in document-level cross-validation.</summary>
internal static class CvCommand
{
    public static Command Create(CliContext context)
    {
        var gold = ClassifierData.GoldOption();
        var corpus = ClassifierData.CorpusOption();
        var folds = new Option<int>("--folds", "-k") { Description = "number of folds (documents are never split)", DefaultValueFactory = _ => 5 };
        var details = new Option<bool>("--details") { Description = "list every held-out candidate the rules or the model get wrong" };
        var exclude = new Option<FileInfo?>("--exclude") { Description = "leave out the documents this list file names (one key per line, # comments)" };
        var holdout = new Option<FileInfo?>("--holdout") { Description = "instead of folds: train on every other document, score rules vs rules+ML on the documents this list names (aggregates only)" };
        var verdicts = ClassifierData.VerdictsOption();
        var config = PipelineLoader.ConfigOption();
        var command = new Command("cv", "Cross-validate the mention classifier by document: rules alone vs rules+ML.") { gold, corpus, folds, details, exclude, holdout, verdicts, config };
        command.SetAction(parse =>
        {
            int k = parse.GetValue(folds);
            if (k < 2)
            {
                context.Error.WriteLine("reportminer: --folds must be at least 2");
                return CliApp.ExitUsage;
            }
            if (!EvalCommand.ReadSplit(context, parse.GetValue(exclude), out var excluded) || !EvalCommand.ReadSplit(context, parse.GetValue(holdout), out var held))
                return CliApp.ExitUsage;
            if (held is not null && parse.GetValue(details))
            {
                context.Error.WriteLine("reportminer: --details lists documents; a --holdout split is scored in aggregate only");
                return CliApp.ExitUsage;
            }
            var docs = ClassifierData.Load(context, parse.GetValue(gold)!, parse.GetValue(corpus)!, parse.GetValue(config), parse.GetValue(verdicts), quiet: held is not null);
            if (docs is null) return CliApp.ExitUsage;
            var kept = docs.Value.Documents.Where(d => excluded is null || !excluded.Contains(d.Key)).ToList();
            var extraction = docs.Value.Config.Extraction;
            if (held is not null)
            {
                var test = kept.Where(d => held.Contains(d.Key)).ToList();
                var train = kept.Where(d => !held.Contains(d.Key)).ToList();
                if (test.Count == 0 || train.Count == 0)
                {
                    context.Error.WriteLine($"reportminer: {held.Source}: the split leaves {test.Count} test and {train.Count} training documents; both must be non-empty");
                    return CliApp.ExitUsage;
                }
                context.Out.Write(CrossValidation.Holdout(train, test, extraction, docs.Value.Tokenizer).Format(perIndicator: true));
                return CliApp.ExitOk;
            }
            var result = CrossValidation.Run(kept, extraction, docs.Value.Tokenizer, Math.Min(k, kept.Count));
            context.Out.Write(result.Format(parse.GetValue(details)));
            return CliApp.ExitOk;
        });
        return command;
    }
}
