using System.Text.Json;
using ReportMiner.Classify;
using ReportMiner.Config;
using ReportMiner.Extract;

namespace ReportMiner.Training;

/// <summary>A mention an earlier version of the rules gave a document (one line of a verdicts file).</summary>
/// <param name="SpanStart">Where the figure started in that version's normalised text (the text may have changed since).</param>
public sealed record EarlierVerdict(string Indicator, MentionStatus Status, double Value, string Raw, int SpanStart);

/// <summary>
/// Rule verdicts from before the rules were written on a document: the classifier's training rows
/// of that document carry them instead of today's (stacking with out-of-sample base predictions).
/// Every training report is one today's rules were written on, where their verdict is nearly always
/// right (0.950 micro F1 on the open reports against 0.725 at first sight, issue 14); a model that
/// learns from those verdicts alone learns to copy them and inherits their misses on new reports.
/// The verdicts file is JSON lines (<c>document, indicator, status, value, raw, span</c>), as
/// <c>tools/first-sight-verdicts.sh</c> writes it from an earlier version's county files.
/// Only the training rows change: the rules' result that cross-validation scores stays today's.
/// </summary>
public static class EarlierVerdicts
{
    /// <summary>How far (in characters) a figure may have moved between the two versions' normalised texts.</summary>
    public const int MaxDrift = 200;

    /// <summary>Reads a verdicts file, by document key; null after adding why to <paramref name="problems"/>.</summary>
    public static Dictionary<string, List<EarlierVerdict>>? Read(string path, List<string> problems)
    {
        var byDocument = new Dictionary<string, List<EarlierVerdict>>(StringComparer.Ordinal);
        int line = 0;
        try
        {
            foreach (var text in File.ReadLines(path))
            {
                line++;
                if (text.Length == 0) continue;
                using var json = JsonDocument.Parse(text);
                var r = json.RootElement;
                var status = r.GetProperty("status").GetString() == MentionStatuses.Target ? MentionStatus.Target : MentionStatus.Actual;
                var verdict = new EarlierVerdict(r.GetProperty("indicator").GetString()!, status, r.GetProperty("value").GetDouble(),
                    r.GetProperty("raw").GetString()!, r.GetProperty("span")[0].GetInt32());
                var key = Eval.MentionSets.DocumentKey(r.GetProperty("document").GetString()!);
                if (!byDocument.TryGetValue(key, out var list)) byDocument[key] = list = [];
                list.Add(verdict);
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or IOException)
        {
            problems.Add($"{path}:{line}: not a verdicts line: {ex.Message}");
            return null;
        }
        return byDocument;
    }

    /// <summary>
    /// <paramref name="doc"/> with its training rows rebuilt from <paramref name="verdicts"/>: a
    /// candidate takes the indicator and status of the earlier mention with its figure (same raw
    /// text, ignoring whitespace, within <see cref="MaxDrift"/> characters, the nearest), and no
    /// indicator when the earlier rules gave it none. Labels stay as gold gives them.
    /// </summary>
    /// <param name="matched">How many of <paramref name="verdicts"/> found their candidate (an earlier mention of a figure that is no longer eligible finds none).</param>
    public static TrainingDocument Apply(TrainingDocument doc, IReadOnlyList<EarlierVerdict> verdicts, ProposalFinder finder, Segment.ITokenizer tokenizer, FeatureWordOptions words, out int matched)
    {
        var text = doc.Result.Normalized.Text;
        var lower = Language.LatinCase.LowerAscii(text);
        var reports = new Dictionary<Candidate, Structure.Report>(ReferenceEqualityComparer.Instance);
        foreach (var r in doc.Result.Reports)
            foreach (var c in r.Candidates) reports[c] = r.Report;
        var used = new bool[verdicts.Count];
        var earlierOf = new Dictionary<Candidate, Candidate>(ReferenceEqualityComparer.Instance);
        foreach (var r in doc.Result.Reports)
            foreach (var c in r.Candidates)
            {
                if (!MlMentionClassifier.IsEligible(c)) continue;
                int match = Nearest(verdicts, used, Ingest.TextSimilarity.StripWhitespace(text[c.Quantity.Start..c.Quantity.End]), c.Quantity.Start);
                if (match >= 0) used[match] = true;
                earlierOf[c] = match >= 0
                    ? c with { Indicator = verdicts[match].Indicator, Status = verdicts[match].Status, Rejection = null }
                    : c with { Indicator = null, Qualifier = null };
            }
        var examples = new List<LabelledCandidate>(doc.Examples.Count);
        foreach (var e in doc.Examples)
        {
            var c = e.Candidate;
            var earlier = earlierOf.TryGetValue(c, out var found) ? found : c;
            var row = MentionFeatures.Build(text, reports[c], earlier, tokenizer, words);
            row.Label = e.Features.Label;
            row.IsTarget = e.Features.IsTarget;
            var hits = finder.Hits(lower, c.SentenceStart, c.SentenceEnd);
            var pairs = finder.Propose(earlier, hits).Select(p => PairFeatures.Build(row, text, earlier, p, words)).ToList();
            examples.Add(e with { Features = row, Pairs = pairs });
        }
        matched = used.Count(u => u);
        var earlierReports = doc.Result.Reports.Select(r => new Pipeline.ReportResult
        {
            Report = r.Report,
            County = r.County,
            Mentions = [],
            Candidates = r.Candidates.Select(c => earlierOf.TryGetValue(c, out var found) ? found : c).ToList(),
        }).ToList();
        return new TrainingDocument { Key = doc.Key, Result = doc.Result, Gold = doc.Gold, Examples = examples, Unreachable = doc.Unreachable, EarlierReports = earlierReports };
    }

    private static int Nearest(IReadOnlyList<EarlierVerdict> verdicts, bool[] used, string raw, int start)
    {
        int best = -1, bestDistance = MaxDrift + 1;
        for (int i = 0; i < verdicts.Count; i++)
        {
            if (used[i] || Ingest.TextSimilarity.StripWhitespace(verdicts[i].Raw) != raw) continue;
            int distance = Math.Abs(verdicts[i].SpanStart - start);
            if (distance < bestDistance) { best = i; bestDistance = distance; }
        }
        return best;
    }
}
