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
        var gold = ClassifierData.GoldOption();
        var corpus = ClassifierData.CorpusOption();
        var output = new Option<FileInfo>("--out", "-o") { Description = "model file to write", DefaultValueFactory = _ => new FileInfo("models/classifier.zip") };
        var exclude = new Option<FileInfo?>("--exclude") { Description = "leave out the documents this list file names (one key per line, # comments)" };
        var verdicts = ClassifierData.VerdictsOption();
        var config = PipelineLoader.ConfigOption();
        var command = new Command("train", "Train the mention classifier (rules propose, the model decides) on gold annotations.") { gold, corpus, output, exclude, verdicts, config };
        command.SetAction(parse =>
        {
            if (!EvalCommand.ReadSplit(context, parse.GetValue(exclude), out var excluded)) return CliApp.ExitUsage;
            // Found before training (minutes), not after.
            if (Directory.Exists(parse.GetValue(output)!.FullName))
            {
                context.Error.WriteLine($"reportminer: --out {parse.GetValue(output)!.FullName}: is a folder; give the model's file name (e.g. models/classifier.zip)");
                return CliApp.ExitUsage;
            }
            var docs = ClassifierData.Load(context, parse.GetValue(gold)!, parse.GetValue(corpus)!, parse.GetValue(config), parse.GetValue(verdicts));
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
    /// <summary>
    /// <c>--gold</c>, repeatable: several gold folders train together (a team's reviewed gold
    /// beside the shipped one).
    /// </summary>
    public static Option<DirectoryInfo[]> GoldOption() => new("--gold")
    {
        Description = "folder of gold annotations (searched recursively); repeat it to use several",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary><c>--verdicts</c>: rule verdicts from before the rules were written on some documents (<see cref="EarlierVerdicts"/>).</summary>
    public static Option<FileInfo?> VerdictsOption() => new("--verdicts")
    {
        Description = "rule verdicts from before the rules were written on these documents (JSON lines, see tools/first-sight-verdicts.sh); their training rows carry them instead of today's",
    };

    /// <summary><c>--corpus</c>, repeatable: one for every gold folder, in the same order, or one for all.</summary>
    public static Option<DirectoryInfo[]> CorpusOption() => new("--corpus")
    {
        Description = "folder of the annotated reports (searched recursively); one per --gold in the same order, or one for all",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>
    /// The labelled documents of every gold folder (each with its corpus folder) and the config,
    /// or null after writing why not. The gold's judgements beyond its mentions (negatives,
    /// reports judged in part) shape each document's examples (<see cref="JudgedTraining"/>).
    /// A document in several gold folders is taken from the last one that has it.
    /// </summary>
    /// <param name="verdicts">Earlier rule verdicts for some documents' training rows (<see cref="EarlierVerdicts"/>), or null.</param>
    /// <param name="quiet">Count problems instead of naming their files (for folders that hold a sealed split).</param>
    public static (List<TrainingDocument> Documents, Config.PipelineConfig Config, Segment.ITokenizer Tokenizer)? Load(CliContext context, DirectoryInfo[] golds, DirectoryInfo[] corpora, FileInfo? configFile, FileInfo? verdicts = null, bool quiet = false)
    {
        if (verdicts is { Exists: false })
        {
            context.Error.WriteLine($"reportminer: {verdicts.FullName}: no such file");
            return null;
        }
        foreach (var d in golds.Concat(corpora))
        {
            if (!d.Exists)
            {
                context.Error.WriteLine($"reportminer: {d.FullName}: no such folder");
                return null;
            }
        }
        if (corpora.Length != 1 && corpora.Length != golds.Length)
        {
            context.Error.WriteLine($"reportminer: {golds.Length} --gold folders and {corpora.Length} --corpus folders: give one --corpus for all, or one per --gold in the same order");
            return null;
        }
        var cfg = PipelineLoader.LoadConfig(configFile, context.Error);
        if (cfg is null) return null;
        var tokenizer = Segment.JiebaTokenizer.Load(cfg.SegmenterOptions());
        var rules = new ReportPipelineBuilder(cfg).WithTokenizer(tokenizer).RulesOnly().Build();
        var byKey = new Dictionary<string, TrainingDocument>(StringComparer.Ordinal);
        var order = new List<string>();
        var problems = new List<string>();
        for (int i = 0; i < golds.Length; i++)
        {
            var gold = golds[i];
            var corpus = corpora.Length == 1 ? corpora[0] : corpora[i];
            var judgements = Eval.GoldJudgements.Read(gold.FullName);
            foreach (var doc in TrainingSet.Load(gold.FullName, corpus.FullName, rules, tokenizer, problems))
            {
                var judged = judgements.TryGetValue(doc.Key, out var j) ? JudgedTraining.Apply(doc, j) : doc;
                if (byKey.ContainsKey(doc.Key)) problems.Add($"{doc.Key}: in several gold folders; the one in {gold.FullName} is used");
                else order.Add(doc.Key);
                byKey[doc.Key] = judged;
            }
        }
        if (quiet) { if (problems.Count > 0) context.Error.WriteLine($"warning: {problems.Count} gold files could not be used or were in several folders"); }
        else foreach (var p in problems) context.Error.WriteLine($"warning: {p}");
        if (verdicts is not null)
        {
            var verdictProblems = new List<string>();
            var earlier = EarlierVerdicts.Read(verdicts.FullName, verdictProblems);
            if (earlier is null)
            {
                context.Error.WriteLine($"reportminer: {verdictProblems[0]}");
                return null;
            }
            var finder = new Extract.ProposalFinder(cfg.Extraction);
            int documents = 0, matched = 0, all = 0;
            foreach (var key in order)
            {
                if (!earlier.TryGetValue(key, out var list)) continue;
                byKey[key] = EarlierVerdicts.Apply(byKey[key], list, finder, tokenizer, cfg.Extraction.Features, out int found);
                documents++;
                matched += found;
                all += list.Count;
            }
            context.Error.WriteLine($"earlier verdicts: {documents} documents train on them; {matched} of their {all} mentions found their figure");
        }
        if (byKey.Count == 0)
        {
            context.Error.WriteLine($"reportminer: no gold file under {string.Join(", ", golds.Select(g => g.FullName))} matches a report under {string.Join(", ", corpora.Select(c => c.FullName))}");
            return null;
        }
        return (order.Select(k => byKey[k]).ToList(), cfg, tokenizer);
    }
}
