using System.Diagnostics;
using System.Globalization;
using System.Text;
using ReportMiner.Classify;
using ReportMiner.Config;
using ReportMiner.Eval;
using ReportMiner.Extract;

namespace ReportMiner.Training;

/// <summary>Status accuracy over the candidates that stand for a gold mention.</summary>
/// <param name="Correct">Candidates whose status equals the gold status.</param>
/// <param name="Total">Eligible candidates aligned with a gold mention.</param>
public sealed record StatusAccuracy(int Correct, int Total)
{
    public double Value => Total == 0 ? 0 : (double)Correct / Total;
}

/// <summary>What the model changed against the rules on held-out documents, and how often it was right.</summary>
public sealed record ChangeCounts(int Vetoes, int VetoesRight, int Recoveries, int RecoveriesRight, int Relabels, int RelabelsRight, int StatusFlips, int StatusFlipsRight);

/// <summary>
/// Rules alone against rules+ML on the same held-out documents; also the model with plain
/// 0.5 thresholds (no inner search), to show what the model does when it is not held back.
/// </summary>
public sealed record CrossValidationResult(
    int Folds, int Documents, int Examples, int Unreachable,
    EvalResult Rules, EvalResult RulesMl, StatusAccuracy RulesStatus, StatusAccuracy RulesMlStatus,
    EvalResult Plain, StatusAccuracy PlainStatus,
    ChangeCounts Changes, TimeSpan TrainingTime)
{
    /// <summary>One line per held-out candidate where the rules or the model disagree with gold or with each other.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>
    /// Held-out rules+ML candidates that are mentions, by model confidence: (lower bound, count,
    /// right). A candidate is right when gold gives it the same indicator and status.
    /// </summary>
    public IReadOnlyList<(double From, int Count, int Right)> ConfidenceBins { get; init; } = [];
    /// <summary>
    /// Held-out candidates of gold mentions by the status head's probability for the status the
    /// rules did not give, highest first: the 15 highest, and every one the rules get wrong. Shows
    /// whether some threshold would separate the rules' status errors from the rest.
    /// </summary>
    public IReadOnlyList<string> StatusDoubts { get; init; } = [];
    /// <summary>Per outer fold: the thresholds the inner cross-validation chose, and the training time.</summary>
    public IReadOnlyList<string> FoldChoices { get; init; } = [];
    /// <summary>
    /// The held-out documents that carry earlier rule verdicts (<see cref="TrainingDocument.EarlierReports"/>),
    /// scored with those verdicts as the rules' decisions: rules and model compared where the rules
    /// are out of sample. Null when no held-out document has them.
    /// </summary>
    public (int Documents, EvalResult Rules, EvalResult RulesMl)? Earlier { get; init; }

    /// <summary>The side-by-side table <c>reportminer cv</c> prints.</summary>
    /// <param name="details">List held-out candidates (never for a sealed split).</param>
    /// <param name="perIndicator">Also the per-indicator tables of both pipelines (aggregates only).</param>
    public string Format(bool details = false, bool perIndicator = false)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(Folds == 1
            ? string.Format(ci, "held-out split: {0} test documents ({1} candidates), model trained on the other documents; {2} gold mentions no eligible candidate reaches", Documents, Examples, Unreachable)
            : string.Format(ci, "{0}-fold cross-validation by document: {1} documents, {2} training candidates, {3} gold mentions no eligible candidate reaches",
                Folds, Documents, Examples, Unreachable));
        sb.AppendLine(string.Format(ci, "{0,-24} {1,9} {2,9} {3,9} {4,9} {5,12} {6,12}", "pipeline", "P", "R", "F1", "F1-nostat", "status acc", "qualif acc"));
        void Row(string name, EvalResult r, StatusAccuracy s) =>
            sb.AppendLine(string.Format(ci, "{0,-24} {1,9:0.000} {2,9:0.000} {3,9:0.000} {4,9:0.000} {5,12} {6,12:0.000}", name,
                r.Micro.Precision, r.Micro.Recall, r.Micro.F1, r.MicroIgnoringStatus.F1, $"{s.Value:0.000} ({s.Correct}/{s.Total})", r.QualifierAccuracy));
        Row("rules", Rules, RulesStatus);
        Row("rules+ml", RulesMl, RulesMlStatus);
        Row("rules+ml, thresholds 0.5", Plain, PlainStatus);
        if (Earlier is { } earlier)
        {
            sb.AppendLine(string.Format(ci, "the {0} held-out documents with earlier rule verdicts, those verdicts as the rules' (rules out of sample):", earlier.Documents));
            Row("  earlier rules", earlier.Rules, new StatusAccuracy(earlier.Rules.Micro.Matched, earlier.Rules.MicroIgnoringStatus.Matched));
            Row("  earlier rules+ml", earlier.RulesMl, new StatusAccuracy(earlier.RulesMl.Micro.Matched, earlier.RulesMl.MicroIgnoringStatus.Matched));
        }
        sb.AppendLine(string.Format(ci, "micro counts: rules {0}/{1} matched of {2} gold; rules+ml {3}/{4}",
            Rules.Micro.Matched, Rules.Micro.Predicted, Rules.Micro.Gold, RulesMl.Micro.Matched, RulesMl.Micro.Predicted));
        var c = Changes;
        sb.AppendLine(string.Format(ci, "model changes on held-out candidates (right/made): vetoes {0}/{1}, recoveries {2}/{3}, relabels {4}/{5}, status flips {6}/{7}",
            c.VetoesRight, c.Vetoes, c.RecoveriesRight, c.Recoveries, c.RelabelsRight, c.Relabels, c.StatusFlipsRight, c.StatusFlips));
        if (ConfidenceBins.Count > 0)
            sb.AppendLine("held-out rules+ml mentions by confidence (right/all): " + string.Join(", ",
                ConfidenceBins.Select(b => string.Format(ci, ">= {0:0.0}: {1}/{2}{3}", b.From, b.Right, b.Count, b.Count == 0 ? "" : string.Format(ci, " ({0:0.000})", (double)b.Right / b.Count)))));
        sb.AppendLine(string.Format(ci, "status accuracy on figures matched ignoring status: rules {0:0.000} ({1}/{2}), rules+ml {3:0.000} ({4}/{5})",
            Rules.StatusAccuracy, Rules.Micro.Matched, Rules.MicroIgnoringStatus.Matched, RulesMl.StatusAccuracy, RulesMl.Micro.Matched, RulesMl.MicroIgnoringStatus.Matched));
        foreach (var f in FoldChoices) sb.AppendLine(f);
        sb.AppendLine(string.Format(ci, "training time (all folds, with inner threshold search): {0:0.00} s", TrainingTime.TotalSeconds));
        if (perIndicator)
        {
            sb.AppendLine("rules alone:");
            sb.Append(Scorer.Format(Rules, summary: true));
            sb.AppendLine("rules+ml:");
            sb.Append(Scorer.Format(RulesMl, summary: true));
        }
        if (details)
        {
            foreach (var d in Details) sb.AppendLine(d);
            sb.AppendLine("status head's strongest held-out disagreements with the rules (P(other status), gold):");
            foreach (var d in StatusDoubts) sb.AppendLine("  " + d);
        }
        return sb.ToString();
    }
}

/// <summary>
/// Document-level k-fold cross-validation: documents (sorted by key) go to fold
/// <c>index mod k</c>, so no report is split between training and test. Each fold trains on
/// the others and decides on its own documents; both pipelines are scored with the
/// contract's <see cref="Scorer"/> over all held-out documents together. Thresholds are chosen
/// inside each training part (nested), never on the held-out documents.
/// </summary>
public static class CrossValidation
{
    public static CrossValidationResult Run(IReadOnlyList<TrainingDocument> documents, ExtractionOptions extraction, Segment.ITokenizer tokenizer, int folds, int innerFolds = 3, ClassifierOptions? options = null)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), "at least 2 folds");
        var docs = documents.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        var splits = Enumerable.Range(0, folds)
            .Select(f => (docs.Where((_, i) => i % folds != f).ToList(), docs.Where((_, i) => i % folds == f).ToList())).ToList();
        return Evaluate(docs, splits, extraction, tokenizer, innerFolds, options);
    }

    /// <summary>
    /// One held-out split (a sealed test set): the model is trained on <paramref name="training"/>
    /// only (thresholds by inner cross-validation there) and rules alone and rules+ML are scored
    /// on <paramref name="test"/>. Reported as <see cref="CrossValidationResult"/> with one fold.
    /// </summary>
    public static CrossValidationResult Holdout(IReadOnlyList<TrainingDocument> training, IReadOnlyList<TrainingDocument> test, ExtractionOptions extraction, Segment.ITokenizer tokenizer, int innerFolds = 3, ClassifierOptions? options = null)
    {
        var train = training.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        var held = test.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        if (train.Count == 0 || held.Count == 0) throw new ArgumentException("a holdout needs training and test documents");
        return Evaluate(held, [(train, held)], extraction, tokenizer, innerFolds, options);
    }

    /// <summary>Trains on each split's first part and scores both pipelines over the second parts of all splits together.</summary>
    private static CrossValidationResult Evaluate(List<TrainingDocument> docs, List<(List<TrainingDocument> Train, List<TrainingDocument> Test)> splits,
        ExtractionOptions extraction, Segment.ITokenizer tokenizer, int innerFolds, ClassifierOptions? options)
    {
        int folds = splits.Count;
        var gold = new List<ScoredMention>();
        foreach (var d in docs)
            foreach (var g in d.Gold) gold.Add(new ScoredMention(d.Key, g.Indicator, g.Status, g.Value, g.Qualifier, g.Period, null));
        var keys = docs.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var exact = extraction.ExactlyScored();

        var rulesPred = new List<ScoredMention>();
        var mlPred = new List<ScoredMention>();
        var plainPred = new List<ScoredMention>();
        var plain = new ClassifierOptions();
        var earlierRulesPred = new List<ScoredMention>();
        var earlierMlPred = new List<ScoredMention>();
        var earlierKeys = new HashSet<string>(StringComparer.Ordinal);
        int rulesOk = 0, mlOk = 0, plainOk = 0, total = 0;
        int vetoes = 0, vetoesRight = 0, recoveries = 0, recoveriesRight = 0, relabels = 0, relabelsRight = 0, flips = 0, flipsRight = 0;
        var clock = new Stopwatch();
        var lines = new List<string>();
        var choices = new List<string>();
        var doubts = new List<(double P, bool RulesWrong, string Line)>();
        double[] binFrom = [0.9, 0.7, 0.5, 0.0];
        var binCount = new int[binFrom.Length];
        var binRight = new int[binFrom.Length];
        for (int f = 0; f < folds; f++)
        {
            var (trainDocs, test) = splits[f];
            if (test.Count == 0) continue;
            var before = clock.Elapsed;
            clock.Start();
            var (model, choice) = ClassifierTrainer.Train(trainDocs, extraction, tokenizer, innerFolds, options);
            clock.Stop();
            choices.Add(string.Format(CultureInfo.InvariantCulture, "fold {0}: {1}; trained in {2:0.00} s", f, choice, (clock.Elapsed - before).TotalSeconds));
            var classifier = new MlMentionClassifier(model, extraction, tokenizer, "cv");
            foreach (var doc in test)
            {
                var labels = new Dictionary<Candidate, LabelledCandidate>(ReferenceEqualityComparer.Instance);
                foreach (var e in doc.Examples) labels[e.Candidate] = e;
                foreach (var r in doc.Result.Reports)
                {
                    var scores = classifier.Score(doc.Result.Normalized.Text, r.Report, r.Candidates);
                    var mlList = new List<Candidate>();
                    var plainList = new List<Candidate>();
                    for (int i = 0; i < r.Candidates.Count; i++)
                    {
                        var rule = r.Candidates[i];
                        var ml = scores[i] is { } s ? MlMentionClassifier.Apply(rule, s, model.Options) : rule;
                        var p05 = scores[i] is { } s2 ? MlMentionClassifier.Apply(rule, s2, plain) : rule;
                        mlList.Add(ml);
                        plainList.Add(p05);
                        if (!labels.TryGetValue(rule, out var label)) continue;
                        if (label.GoldStatus is not null)
                        {
                            total++;
                            if (rule.Status == label.GoldStatus) rulesOk++;
                            if (ml.Status == label.GoldStatus) mlOk++;
                            if (p05.Status == label.GoldStatus) plainOk++;
                            if (scores[i] is { } sd)
                            {
                                double pOther = rule.Status == MentionStatus.Target ? 1 - sd.TargetProbability : sd.TargetProbability;
                                bool wrong = rule.Status != label.GoldStatus;
                                doubts.Add((pOther, wrong, string.Format(CultureInfo.InvariantCulture, "{0:0.000} {1} rule={2} gold={3} {4} | {5}", pOther,
                                    wrong ? "RULES-WRONG" : "rules-right", rule.Status.Word(), label.GoldStatus?.Word(), doc.Key, Context(doc, rule))));
                            }
                        }
                        if (rule.Indicator is not null && ml.Indicator is null) { vetoes++; if (label.Label == ClassifierModel.None) vetoesRight++; }
                        else if (rule.Indicator is null && ml.Indicator is not null) { recoveries++; if (label.Label == ml.Indicator) recoveriesRight++; }
                        else if (rule.Indicator is not null && ml.Indicator != rule.Indicator) { relabels++; if (label.Label == ml.Indicator) relabelsRight++; }
                        if (ml.Indicator is not null && ml.Status != rule.Status) { flips++; if (label.GoldStatus == ml.Status) flipsRight++; }
                        if (ml.Indicator is not null)
                        {
                            int bin = Array.FindIndex(binFrom, b => ml.Confidence >= b);
                            binCount[bin]++;
                            if (label.Label == ml.Indicator && label.GoldStatus == ml.Status) binRight[bin]++;
                        }
                        bool ruleRight = (rule.Indicator ?? ClassifierModel.None) == label.Label && (label.GoldStatus is null || rule.Status == label.GoldStatus);
                        bool mlRight = (ml.Indicator ?? ClassifierModel.None) == label.Label && (label.GoldStatus is null || ml.Status == label.GoldStatus);
                        if (!ruleRight || !mlRight)
                        {
                            var context = Context(doc, rule);
                            lines.Add(string.Format(CultureInfo.InvariantCulture, "{0} {1} gold={2}/{3} rule={4}/{5} ml={6}/{7} p={8:0.00} rej={9} | {10}",
                                ruleRight ? "ML-WRONG " : mlRight ? "ML-FIXED " : "BOTH-WRONG", doc.Key, label.Label, label.GoldStatus?.Word() ?? "-",
                                rule.Indicator ?? "none", rule.Status.Word(), ml.Indicator ?? "none", ml.Status.Word(), ml.Confidence, rule.Rejection?.ToString() ?? "-", context));
                        }
                    }
                    rulesPred.AddRange(Mentions(doc, r, r.Candidates));
                    mlPred.AddRange(Mentions(doc, r, mlList));
                    plainPred.AddRange(Mentions(doc, r, plainList));
                }
                if (doc.EarlierReports is { } earlierReports)
                {
                    earlierKeys.Add(doc.Key);
                    foreach (var r in earlierReports)
                    {
                        var scores = classifier.Score(doc.Result.Normalized.Text, r.Report, r.Candidates);
                        earlierRulesPred.AddRange(Mentions(doc, r, r.Candidates));
                        earlierMlPred.AddRange(Mentions(doc, r, r.Candidates.Select((c, i) => scores[i] is { } s ? MlMentionClassifier.Apply(c, s, model.Options) : c).ToList()));
                    }
                }
            }
        }
        var rules = Scorer.Score(gold, rulesPred, keys, exact);
        var withMl = Scorer.Score(gold, mlPred, keys, exact);
        return new CrossValidationResult(folds, docs.Count, docs.Sum(d => d.Examples.Count), docs.Sum(d => d.Unreachable),
            rules, withMl, new StatusAccuracy(rulesOk, total), new StatusAccuracy(mlOk, total),
            Scorer.Score(gold, plainPred, keys, exact), new StatusAccuracy(plainOk, total),
            new ChangeCounts(vetoes, vetoesRight, recoveries, recoveriesRight, relabels, relabelsRight, flips, flipsRight), clock.Elapsed)
        {
            Earlier = earlierKeys.Count == 0 ? null
                : (earlierKeys.Count, Scorer.Score(gold.Where(g => earlierKeys.Contains(g.Document)).ToList(), earlierRulesPred, earlierKeys, exact),
                    Scorer.Score(gold.Where(g => earlierKeys.Contains(g.Document)).ToList(), earlierMlPred, earlierKeys, exact)),
            Details = lines, FoldChoices = choices, StatusDoubts = doubts.OrderByDescending(d => d.P).Where((d, i) => i < 15 || d.RulesWrong).Select(d => d.Line).ToList(), ConfidenceBins = binFrom.Select((b, i) => (b, binCount[i], binRight[i])).ToList()
        };
    }

    /// <summary>The figure with up to 24 characters before and 6 after it, within its sentence, on one line.</summary>
    private static string Context(TrainingDocument doc, Candidate c)
    {
        var text = doc.Result.Normalized.Text;
        var q = c.Quantity;
        return text[Math.Max(c.SentenceStart, q.Start - 24)..Math.Min(c.SentenceEnd, q.End + 6)].Replace('\n', ' ');
    }

    /// <summary>The mentions the pipeline would output for these decided candidates of one report (its repeat rule included), as scored.</summary>
    internal static IEnumerable<ScoredMention> Mentions(TrainingDocument doc, Pipeline.ReportResult report, IReadOnlyList<Candidate> decided)
        => Pipeline.ReportPipeline.ToMentions(doc.Result.Source, doc.Result.Normalized, report.Report, decided, ocrDoubtfulBelow: 0)   // scoring ignores the OCR flags
            .Select(m => new ScoredMention(doc.Key, m.Indicator, m.Status, m.Value, m.Qualifier, m.Period, report.County.Name));
}
