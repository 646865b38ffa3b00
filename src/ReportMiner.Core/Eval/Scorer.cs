using System.Globalization;

namespace ReportMiner.Eval;

/// <summary>Precision, recall and F1 for one indicator (or all of them).</summary>
public sealed record Score(string Indicator, int Gold, int Predicted, int Matched)
{
    public double Precision => Predicted == 0 ? (Gold == 0 ? 1 : 0) : (double)Matched / Predicted;
    public double Recall => Gold == 0 ? (Predicted == 0 ? 1 : 0) : (double)Matched / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Everything <c>eval</c> reports.</summary>
public sealed record EvalResult(
    IReadOnlyList<Score> PerIndicator,
    Score Micro,
    Score MicroIgnoringStatus,
    double QualifierAccuracy,
    double PeriodAccuracy,
    double CountyAccuracy,
    int MatchedPairs,
    IReadOnlyList<ScoredMention> Missed,
    IReadOnlyList<ScoredMention> Spurious,
    IReadOnlyList<(ScoredMention Gold, ScoredMention Predicted)> Pairs)
{
    /// <summary>
    /// Of the figures matched when status is ignored, the share that also has the right status
    /// (micro matches over matches ignoring status): how well actual and target are told apart.
    /// </summary>
    public double StatusAccuracy => MicroIgnoringStatus.Matched == 0 ? 0 : Math.Min(1, (double)Micro.Matched / MicroIgnoringStatus.Matched);
}

/// <summary>
/// The scoring rule of the contract (§Scoring): both sides reduced to distinct (document,
/// indicator, status, value); a pair matches when document, indicator and status agree and
/// the values agree within 0.5%, or exactly for the indicators <c>pipeline.yaml</c> scores
/// exactly (<c>scoring: exact</c>: counts of things and people).
/// </summary>
public static class Scorer
{
    public const double Tolerance = 0.005;

    /// <param name="gold">The gold mentions.</param>
    /// <param name="predicted">The predicted mentions.</param>
    /// <param name="documents">Only these documents are scored (the gold's); null scores all.</param>
    /// <param name="exact">Indicators whose values must be equal (the others agree within <see cref="Tolerance"/>).</param>
    public static EvalResult Score(IReadOnlyList<ScoredMention> gold, IReadOnlyList<ScoredMention> predicted, IReadOnlySet<string>? documents, IReadOnlySet<string> exact)
    {
        var g = Distinct(gold, withStatus: true);
        var p = Distinct(predicted.Where(m => documents is null || documents.Contains(m.Document)).ToList(), withStatus: true);
        var (pairs, missed, spurious) = Match(g, p, withStatus: true, exact);

        var indicators = g.Select(m => m.Indicator).Concat(p.Select(m => m.Indicator)).Distinct().Order(StringComparer.Ordinal).ToList();
        var per = indicators.Select(ind => new Score(ind,
            g.Count(m => m.Indicator == ind), p.Count(m => m.Indicator == ind), pairs.Count(x => x.Gold.Indicator == ind))).ToList();
        var micro = new Score("micro", g.Count, p.Count, pairs.Count);

        var g2 = Distinct(gold, withStatus: false);
        var p2 = Distinct(predicted.Where(m => documents is null || documents.Contains(m.Document)).ToList(), withStatus: false);
        var (pairs2, _, _) = Match(g2, p2, withStatus: false, exact);
        var microNoStatus = new Score("micro (ignoring status)", g2.Count, p2.Count, pairs2.Count);

        double Acc(Func<ScoredMention, string?> field) => pairs.Count == 0 ? 0 : (double)pairs.Count(x => field(x.Gold) == field(x.Pred)) / pairs.Count;
        return new EvalResult(per, micro, microNoStatus, Acc(m => m.Qualifier), Acc(m => Numbers.Periods.Canonical(m.Period)), Acc(m => m.County), pairs.Count, missed, spurious, pairs);
    }

    private static List<ScoredMention> Distinct(IReadOnlyList<ScoredMention> mentions, bool withStatus)
    {
        var seen = new HashSet<(string, string, string, double)>();
        var result = new List<ScoredMention>();
        foreach (var m in mentions)
            if (seen.Add((m.Document, m.Indicator, withStatus ? m.Status : "", m.Value))) result.Add(m);
        return result;
    }

    private static (List<(ScoredMention Gold, ScoredMention Pred)>, List<ScoredMention>, List<ScoredMention>) Match(
        List<ScoredMention> gold, List<ScoredMention> pred, bool withStatus, IReadOnlySet<string> exact)
    {
        var pairs = new List<(ScoredMention, ScoredMention)>();
        var used = new bool[pred.Count];
        var missed = new List<ScoredMention>();
        foreach (var gm in gold)
        {
            int best = -1;
            double bestDiff = double.MaxValue;
            for (int i = 0; i < pred.Count; i++)
            {
                if (used[i]) continue;
                var pm = pred[i];
                if (pm.Document != gm.Document || pm.Indicator != gm.Indicator || (withStatus && pm.Status != gm.Status)) continue;
                double diff = Math.Abs(pm.Value - gm.Value);
                if (!ValuesAgree(gm, pm.Value, exact.Contains(gm.Indicator))) continue;
                if (diff < bestDiff) { best = i; bestDiff = diff; }
            }
            if (best >= 0) { used[best] = true; pairs.Add((gm, pred[best])); }
            else missed.Add(gm);
        }
        var spurious = pred.Where((_, i) => !used[i]).ToList();
        return (pairs, missed, spurious);
    }

    private static bool ValuesAgree(ScoredMention gold, double predicted, bool exact)
    {
        if (exact) return gold.Value == predicted;
        if (gold.Value == 0) return predicted == 0;
        return Math.Abs(predicted - gold.Value) <= Tolerance * Math.Abs(gold.Value);
    }

    /// <summary>The table <c>make eval</c> prints.</summary>
    /// <param name="r">The scores.</param>
    /// <param name="details">Also list missed and spurious mentions and field mismatches.</param>
    /// <param name="summary">Aggregates only: per-indicator and micro figures and status accuracy, nothing that names a document.</param>
    public static string Format(EvalResult r, bool details = false, bool summary = false)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(string.Format(ci, "{0,-26} {1,5} {2,5} {3,5} {4,7} {5,7} {6,7}", "indicator", "gold", "pred", "match", "P", "R", "F1"));
        foreach (var s in r.PerIndicator.Append(r.Micro).Append(r.MicroIgnoringStatus))
            sb.AppendLine(string.Format(ci, "{0,-26} {1,5} {2,5} {3,5} {4,7:0.000} {5,7:0.000} {6,7:0.000}", s.Indicator, s.Gold, s.Predicted, s.Matched, s.Precision, s.Recall, s.F1));
        sb.AppendLine(string.Format(ci, "status accuracy {0:0.000} ({1}/{2} figures matched ignoring status have the right status)",
            r.StatusAccuracy, Math.Min(r.Micro.Matched, r.MicroIgnoringStatus.Matched), r.MicroIgnoringStatus.Matched));
        if (summary) return sb.ToString();
        sb.AppendLine(string.Format(ci, "on {0} matched pairs: qualifier accuracy {1:0.000}, period accuracy {2:0.000}, county accuracy {3:0.000}",
            r.MatchedPairs, r.QualifierAccuracy, r.PeriodAccuracy, r.CountyAccuracy));
        if (details)
        {
            foreach (var m in r.Missed) sb.AppendLine(string.Format(ci, "missed   {0} {1} {2} {3}", m.Document, m.Indicator, m.Status, m.Value));
            foreach (var m in r.Spurious) sb.AppendLine(string.Format(ci, "spurious {0} {1} {2} {3}", m.Document, m.Indicator, m.Status, m.Value));
            foreach (var (g, p) in r.Pairs)
            {
                if (g.Qualifier != p.Qualifier) sb.AppendLine(string.Format(ci, "qualifier {0} {1} {2}: gold {3}, predicted {4}", g.Document, g.Indicator, g.Value, g.Qualifier ?? "-", p.Qualifier ?? "-"));
                if (Numbers.Periods.Canonical(g.Period) != Numbers.Periods.Canonical(p.Period)) sb.AppendLine(string.Format(ci, "period {0} {1} {2}: gold {3}, predicted {4}", g.Document, g.Indicator, g.Value, g.Period ?? "-", p.Period ?? "-"));
            }
        }
        return sb.ToString();
    }
}
