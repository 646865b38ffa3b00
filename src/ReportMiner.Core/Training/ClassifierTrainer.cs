using System.Globalization;
using ReportMiner.Classify;
using ReportMiner.Config;
using ReportMiner.Eval;
using ReportMiner.Extract;

namespace ReportMiner.Training;

/// <summary>The thresholds an inner cross-validation chose, and the micro F1 they reached there.</summary>
public sealed record ThresholdChoice(ClassifierOptions Options, double RulesF1, double ChosenF1)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "keep {0:0.##}, recover {1}, status {2} (inner micro F1 {3:0.000} vs rules {4:0.000})",
        Options.KeepThreshold, Show(Options.RecoverThreshold), Show(Options.StatusThreshold), ChosenF1, RulesF1);

    private static string Show(double t) => t > 1 ? "never" : t.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// Trains the classifier so that it is used only where it helps: an inner document-level
/// cross-validation over the training documents gives held-out probabilities for every
/// candidate, and the decision thresholds are the ones that maximise micro F1 there. The
/// grid includes "never overrule the rules", and ties go to the more conservative setting, so
/// where the model does not beat the rules on held-out training documents it defers to them.
/// The final heads are then trained on all training documents. Deterministic.
/// </summary>
public static class ClassifierTrainer
{
    /// <summary>Above 1: the model never does this.</summary>
    public const double Never = 1.01;

    private static readonly double[] KeepGrid = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
    private static readonly double[] OverruleGrid = [Never, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5];

    /// <summary>Trains on <paramref name="documents"/> with thresholds chosen by an inner <paramref name="innerFolds"/>-fold cross-validation.</summary>
    /// <param name="documents">Labelled documents (built with the same taxonomy).</param>
    /// <param name="extraction">The taxonomy the proposals come from.</param>
    /// <param name="tokenizer">The word segmenter the documents were featurised with.</param>
    /// <param name="innerFolds">Folds of the inner cross-validation.</param>
    /// <param name="options">Regularisation (its thresholds are replaced by the chosen ones).</param>
    public static (ClassifierModel Model, ThresholdChoice Choice) Train(IReadOnlyList<TrainingDocument> documents, ExtractionOptions extraction, Segment.ITokenizer tokenizer, int innerFolds = 3, ClassifierOptions? options = null)
    {
        options ??= new ClassifierOptions();
        var docs = documents.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        var choice = ChooseThresholds(docs, extraction, tokenizer, innerFolds, options);
        return (TrainHeads(docs, choice.Options), choice);
    }

    /// <summary>Trains both heads on the labelled candidates of <paramref name="documents"/>, in the order given, with fixed thresholds.</summary>
    public static ClassifierModel TrainHeads(IEnumerable<TrainingDocument> documents, ClassifierOptions? options = null)
    {
        var examples = documents.SelectMany(d => d.Examples).ToList();
        return ClassifierModel.Train(examples.SelectMany(e => e.Pairs).ToList(),
            examples.Where(e => e.GoldStatus is not null).Select(e => e.Features).ToList(), options);
    }

    private static ThresholdChoice ChooseThresholds(List<TrainingDocument> docs, ExtractionOptions extraction, Segment.ITokenizer tokenizer, int folds, ClassifierOptions options)
    {
        folds = Math.Min(folds, docs.Count);
        var gold = docs.SelectMany(d => d.Gold.Select(g => new ScoredMention(d.Key, g.Indicator, g.Status, g.Value, null, null, null))).ToList();
        var keys = docs.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var exact = extraction.ExactlyScored();
        var scored = new List<(TrainingDocument Doc, Pipeline.ReportResult Report, IReadOnlyList<CandidateScores?> Scores)>();
        for (int f = 0; f < folds; f++)
        {
            var train = docs.Where((_, i) => i % folds != f).ToList();
            var test = docs.Where((_, i) => i % folds == f).ToList();
            var classifier = new MlMentionClassifier(TrainHeads(train, options), extraction, tokenizer, "inner");
            foreach (var d in test)
                foreach (var r in d.Result.Reports)
                    scored.Add((d, r, classifier.Score(d.Result.Normalized.Text, r.Report, r.Candidates)));
        }

        double F1(ClassifierOptions o)
        {
            var pred = new List<ScoredMention>();
            foreach (var (doc, report, scores) in scored)
            {
                var decided = report.Candidates.Select((c, i) => scores[i] is { } s ? MlMentionClassifier.Apply(c, s, o) : c).ToList();
                pred.AddRange(CrossValidation.Mentions(doc, report, decided));
            }
            return Scorer.Score(gold, pred, keys, exact).Micro.F1;
        }

        var rules = options with { KeepThreshold = 0, RecoverThreshold = Never, StatusThreshold = Never };
        double rulesF1 = F1(rules), bestF1 = rulesF1;
        var best = rules;
        foreach (var status in OverruleGrid)
            foreach (var recover in OverruleGrid)
                foreach (var keep in KeepGrid)
                {
                    var o = options with { KeepThreshold = keep, RecoverThreshold = recover, StatusThreshold = status };
                    double f1 = F1(o);
                    if (f1 > bestF1 + 1e-9) { bestF1 = f1; best = o; }
                }
        return new ThresholdChoice(best, rulesF1, bestF1);
    }
}
