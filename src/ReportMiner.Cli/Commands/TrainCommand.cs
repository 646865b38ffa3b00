using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ReportMiner.Classify;
using ReportMiner.Eval;
using ReportMiner.Output;
using ReportMiner.Pipeline;
using ReportMiner.Training;

namespace ReportMiner.Cli.Commands;

/// <summary><c>reportminer train --gold DIR --corpus DIR --out FILE</c>: trains the mention classifier on all gold.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var gold = new Option<DirectoryInfo>("--gold") { Description = "folder of gold annotations (searched recursively)", Required = true };
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "folder of the annotated reports (searched recursively)", Required = true };
        var output = new Option<FileInfo>("--out", "-o") { Description = "model file to write", DefaultValueFactory = _ => new FileInfo("models/classifier.zip") };
        var exclude = new Option<FileInfo?>("--exclude") { Description = "leave out the documents this list file names (one key per line, # comments)" };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("train", "Train the mention classifier (rules propose, the model decides) on gold annotations.") { gold, corpus, output, exclude, config };
        command.SetAction(parse =>
        {
            if (!EvalCommand.ReadSplit(context, parse.GetValue(exclude), out var excluded)) return CliApp.ExitUsage;
            // Found before training (minutes), not after.
            if (Directory.Exists(parse.GetValue(output)!.FullName))
            {
                context.Error.WriteLine($"reportminer: --out {parse.GetValue(output)!.FullName}: is a folder; give the model's file name (e.g. models/classifier.zip)");
                return CliApp.ExitUsage;
            }
            var docs = ClassifierData.Load(context, parse.GetValue(gold)!, parse.GetValue(corpus)!, parse.GetValue(config));
            if (docs is null) return CliApp.ExitUsage;
            var ordered = docs.Value.Documents.Where(d => excluded is null || !excluded.Contains(d.Key)).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
            var rows = ordered.SelectMany(d => d.Examples).ToList();
            var clock = Stopwatch.StartNew();
            var (model, choice) = ClassifierTrainer.Train(ordered, docs.Value.Config.Extraction, docs.Value.Tokenizer);
            var bytes = model.ToBytes();
            clock.Stop();
            var file = parse.GetValue(output)!;
            if (file.Directory is { Exists: false } dir) dir.Create();
            AtomicFile.WriteAllBytes(file.FullName, bytes);
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "trained on {0} documents, {1} candidates ({2} gold mentions, {3} proposals) in {4:0.00} s; wrote {5} ({6} bytes, sha256 {7})",
                ordered.Count, rows.Count, rows.Count(r => r.GoldStatus is not null), model.Examples,
                clock.Elapsed.TotalSeconds, file.FullName, bytes.Length, ClassifierModel.Fingerprint(bytes)));
            context.Out.WriteLine($"thresholds: {choice}");
            return CliApp.ExitOk;
        });
        return command;
    }
}

/// <summary>Loading labelled candidates for <c>train</c> and <c>cv</c>.</summary>
internal static class ClassifierData
{
    /// <summary>The labelled documents and the config, or null after writing why not.</summary>
    /// <param name="quiet">Count problems instead of naming their files (a sealed split is in the folders).</param>
    public static (List<TrainingDocument> Documents, Config.PipelineConfig Config, Segment.ITokenizer Tokenizer)? Load(CliContext context, DirectoryInfo gold, DirectoryInfo corpus, FileInfo? configFile, bool quiet = false)
    {
        foreach (var d in new[] { gold, corpus })
        {
            if (!d.Exists)
            {
                context.Error.WriteLine($"reportminer: {d.FullName}: no such folder");
                return null;
            }
        }
        var cfg = PipelineLoader.LoadConfig(configFile, context.Error);
        if (cfg is null) return null;
        var tokenizer = Segment.JiebaTokenizer.Load(cfg.SegmenterOptions());
        var rules = new ReportPipelineBuilder(cfg).WithTokenizer(tokenizer).RulesOnly().Build();
        var problems = new List<string>();
        var docs = TrainingSet.Load(gold.FullName, corpus.FullName, rules, tokenizer, problems);
        if (quiet) { if (problems.Count > 0) context.Error.WriteLine($"warning: {problems.Count} gold files could not be used"); }
        else foreach (var p in problems) context.Error.WriteLine($"warning: {p}");
        if (docs.Count == 0)
        {
            context.Error.WriteLine($"reportminer: no gold file under {gold.FullName} matches a report under {corpus.FullName}");
            return null;
        }
        return (docs, cfg, tokenizer);
    }
}
