using ReportMiner.Classify;
using ReportMiner.Eval;
using ReportMiner.Extract;
using ReportMiner.Pipeline;

namespace ReportMiner.Training;

/// <summary>
/// Brings a gold file's judgements beyond its mentions into a training document (see
/// <see cref="GoldJudgements"/>): a candidate on a negative (a reviewed <c>not a figure</c>)
/// is labelled <c>none</c> whatever it repeats; in a report judged only in part, candidates
/// that no gold mention or negative speaks for are taken out, from the examples and from the
/// rules' result alike, so that neither training nor the threshold search counts an
/// unreviewed figure as wrong.
/// </summary>
public static class JudgedTraining
{
    public static TrainingDocument Apply(TrainingDocument doc, DocumentJudgements judgements)
    {
        var norm = doc.Result.Normalized;
        var partial = PartialRanges(doc.Result.Source.Text, judgements);
        var labels = new Dictionary<Candidate, LabelledCandidate>(ReferenceEqualityComparer.Instance);
        foreach (var e in doc.Examples) labels[e.Candidate] = e;

        var examples = new List<LabelledCandidate>();
        var reports = new List<ReportResult>();
        foreach (var report in doc.Result.Reports)
        {
            var kept = new List<Candidate>(report.Candidates.Count);
            foreach (var c in report.Candidates)
            {
                var (s, e) = norm.ToSource(c.Quantity.Start, c.Quantity.End);
                bool negative = judgements.Negatives.Any(n => s < n.Offset + n.Raw.Length && n.Offset < e);
                labels.TryGetValue(c, out var example);
                bool judged = negative || example?.Label is { } label && label != ClassifierModel.None;
                if (!judged && partial.Any(r => s >= r.Start && s < r.End)) continue;
                kept.Add(c);
                if (example is null) continue;
                if (negative && example.Label != ClassifierModel.None) example = AsNone(example);
                examples.Add(example);
            }
            var starts = kept.Select(c => c.Quantity.Start).ToHashSet();
            reports.Add(new ReportResult
            {
                Report = report.Report,
                County = report.County,
                Mentions = report.Mentions.Where(m => starts.Contains(m.SpanStart)).ToList(),
                Candidates = kept,
            });
        }
        var result = new DocumentResult { Source = doc.Result.Source, Normalized = norm, Reports = reports };
        return new TrainingDocument { Key = doc.Key, Result = result, Gold = doc.Gold, Examples = examples, Unreachable = doc.Unreachable };
    }

    /// <summary>The example relabelled <c>none</c>: none of its proposals is right, and it has no status to learn.</summary>
    private static LabelledCandidate AsNone(LabelledCandidate e)
    {
        e.Features.Label = ClassifierModel.None;
        e.Features.IsTarget = false;
        foreach (var pair in e.Pairs)
        {
            pair.Label = ClassifierModel.None;
            pair.IsMatch = false;
        }
        return e with { Label = ClassifierModel.None, GoldStatus = null };
    }

    /// <summary>Source ranges [start, end) of the reports judged only in part (the whole text when a partial report has no lines).</summary>
    private static List<(int Start, int End)> PartialRanges(string text, DocumentJudgements judgements)
    {
        var ranges = new List<(int, int)>();
        if (judgements.PartialWithoutLines) ranges.Add((0, text.Length));
        if (judgements.PartialLines.Count == 0) return ranges;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        foreach (var (first, last) in judgements.PartialLines)
        {
            int from = starts[Math.Clamp(first - 1, 0, starts.Count - 1)];
            int to = last < starts.Count ? starts[last] : text.Length;
            ranges.Add((from, to));
        }
        return ranges;
    }
}
