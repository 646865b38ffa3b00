using System.CommandLine;
using ReportMiner.Classify;
using ReportMiner.Training;

namespace ReportMiner.Cli.Commands;

/// <summary><c>reportminer cv --gold DIR --corpus DIR</c>: rules alone against rules+ML in document-level cross-validation.</summary>
internal static class CvCommand
{
    public static Command Create(CliContext context)
    {
        var gold = new Option<DirectoryInfo>("--gold") { Description = "folder of gold annotations (searched recursively)", Required = true };
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "folder of the annotated reports (searched recursively)", Required = true };
        var folds = new Option<int>("--folds", "-k") { Description = "number of folds (documents are never split)", DefaultValueFactory = _ => 5 };
        var details = new Option<bool>("--details") { Description = "list every held-out candidate the rules or the model get wrong" };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("cv", "Cross-validate the mention classifier by document: rules alone vs rules+ML.") { gold, corpus, folds, details, config };
        command.SetAction(parse =>
        {
            int k = parse.GetValue(folds);
            if (k < 2)
            {
                context.Error.WriteLine("reportminer: --folds must be at least 2");
                return CliApp.ExitUsage;
            }
            var docs = ClassifierData.Load(context, parse.GetValue(gold)!, parse.GetValue(corpus)!, parse.GetValue(config));
            if (docs is null) return CliApp.ExitUsage;
            var result = CrossValidation.Run(docs.Value.Documents, docs.Value.Config.Extraction, docs.Value.Tokenizer, Math.Min(k, docs.Value.Documents.Count));
            context.Out.Write(result.Format(parse.GetValue(details)));
            return CliApp.ExitOk;
        });
        return command;
    }
}
