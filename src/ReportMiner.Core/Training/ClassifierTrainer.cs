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
        "decide at {0}, status {1} (inner micro F1 {2:0.000} vs rules {3:0.000})",
        Show(Options.RecoverThreshold), Show(Options.StatusThreshold), ChosenF1, RulesF1);

    private static string Show(double t) => t > 1 ? "never" : t.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// Trains the classifier and chooses where it decides. An inner document-level cross-validation
/// over the training documents gives held-out probabilities for every candidate; the indicator
/// decision threshold (a figure takes its most probable proposal when that reaches it, else no
/// indicator) and the status threshold are the ones that maximise micro F1 there. The indicator
/// decision is always the model's: "defer to the rules" is not in its grid, because on the
/// rules' own training reports they look better than they are (0.950 in-sample against 0.725 on
/// the first sight of new reports, issue 14), so a search that may pick them always does. Ties
/// go to 0.5, the calibrated probabilities' even-odds point, and to "never" for status. The final
/// heads are then trained on all training documents. Deterministic.
/// </summary>
public static class ClassifierTrainer
{
    /// <summary>Above 1: the model never does this.</summary>
    public const double Never = 1.01;

    /// <summary>Indicator decision thresholds tried, in order of preference on a tie.</summary>
    private static readonly double[] DecisionGrid = [0.5, 0.4, 0.6, 0.3, 0.7];
    /// <summary>Status thresholds tried (the status head overrules the rules' reading at or above), in order of preference on a tie.</summary>
    private static readonly double[] StatusGrid = [Never, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5];

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
            // Where a document has earlier rule verdicts, thresholds are chosen on them: that is how
            // the rules decide a report they were not written on.
            foreach (var d in test)
                foreach (var r in d.EarlierReports ?? d.Result.Reports)
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

        double rulesF1 = F1(options with { KeepThreshold = 0, RecoverThreshold = Never, StatusThreshold = Never });
        ClassifierOptions? best = null;
        double bestF1 = double.NegativeInfinity;
        foreach (var status in StatusGrid)
            foreach (var decide in DecisionGrid)
            {
                var o = options with { KeepThreshold = decide, RecoverThreshold = decide, StatusThreshold = status };
                double f1 = F1(o);
                if (f1 > bestF1 + 1e-9) { bestF1 = f1; best = o; }
            }
        return new ThresholdChoice(best!, rulesF1, bestF1);
    }
}
