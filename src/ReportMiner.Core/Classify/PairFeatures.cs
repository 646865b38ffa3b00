using System.Globalization;
using Microsoft.ML.Data;
using ReportMiner.Extract;
using ReportMiner.Language;

namespace ReportMiner.Classify;

/// <summary>
/// Features of a (candidate, proposed indicator) pair, for the indicator head: where the
/// proposal's trigger stands and what lies between it and the figure. Not whether the rules
/// chose it: see <see cref="MentionFeatures"/> for why the indicator head never sees the rules' verdict.
/// </summary>
public static class PairFeatures
{
    /// <summary>
    /// The features of the pair (candidate, proposed indicator): the candidate's own vector plus
    /// that of where the proposal's trigger stands and what lies between it and the figure (its
    /// own bags, so the pair vector is the sum of the two and a linear head can score the
    /// candidate part once).
    /// </summary>
    public static FeatureRow Build(FeatureRow candidate, string text, Candidate c, Proposal p, FeatureWordOptions words)
    {
        var (extra, gap) = PairTokens(text, c, p, words, keepText: true);
        return new FeatureRow
        {
            Symbols = candidate.Symbols + " " + extra,
            Context = candidate.Context + " " + gap,
            Features = FeatureSpace.Add(candidate.Features, FeatureSpace.FromSlots(extra.Finish(), gap.Finish())),
            Label = candidate.Label,
            IsTarget = candidate.IsTarget,
            IsMatch = candidate.Label == p.Spec.Id,
        };
    }

    /// <summary>The pair's own part of the vector (add the candidate's to get the pair's).</summary>
    public static VBuffer<float> Extra(string text, Candidate c, Proposal p, FeatureWordOptions words)
    {
        var (extra, gap) = PairTokens(text, c, p, words, keepText: false);
        return FeatureSpace.FromSlots(extra.Finish(), gap.Finish());
    }

    private static (TokenWriter Symbols, TokenWriter Context) PairTokens(string text, Candidate c, Proposal p, FeatureWordOptions words, bool keepText)
    {
        var q = c.Quantity;
        var sym = TokenWriter.Create(0, 'T', keepText);
        void Add(string key, string value) => sym.Append(sym.Length > 0 ? " " : "").Append(key).Append('=').Append(MentionFeatures.Clean(value));
        string id = p.Spec.Id;
        Add("p", id);
        bool isRule = id == c.Indicator;
        Add("p_rule", isRule ? "1" : "0");
        Add("p_near", id == c.NearestIndicator ? "1" : "0");
        Add("p_rulestate", isRule ? "chosen" : c.Indicator is null ? "rules-none" : "rules-other");
        Add("p_kind", id + "/" + q.Kind + "/" + q.Unit);
        var ctx = TokenWriter.Create(1, 'G', keepText);
        if (p.Hit is TriggerHit h)
        {
            bool before = h.End <= q.Start;
            int a = before ? h.End : q.End, b = before ? q.Start : h.Start;
            var gap = text.AsSpan(a, Math.Max(0, b - a));
            Add("p_dir", before ? "before" : "after");
            Add("p_gap", Bucket(GapLength(gap)));
            Add("p_dir_gap", (before ? "b" : "a") + Bucket(GapLength(gap)));
            Span<char> marks = stackalloc char[8];
            foreach (var ch in SeparatorsIn(gap, marks)) Add("p_sep", ch.ToString());
            foreach (var w in words.Breakdown)
                if (gap.Contains(w, StringComparison.Ordinal)) { Add("p_breakdown", "1"); break; }
            Add("p_figs", Math.Min(3, FiguresIn(gap)).ToString(CultureInfo.InvariantCulture));
            Add("p_between", p.TriggerBetween ? "1" : "0");
            foreach (var w in p.Spec.Rule.Exclude)
                if (gap.Contains(w, StringComparison.Ordinal)) { Add("p_excl", "1"); Add("p_exclw", w); }
            if (p.Spec.Rule.Require.Count > 0)
            {
                var prefix = text.AsSpan(c.SentenceStart, Math.Max(0, Math.Max(h.End, q.Start) - c.SentenceStart));
                bool found = false;
                foreach (var w in p.Spec.Rule.Require) found |= prefix.Contains(w, StringComparison.Ordinal);
                Add("p_req", found ? "1" : "0");
            }
            Add("p_trig", text[h.Start..h.End]);
            var folded = MentionFeatures.Fold(gap.Length > 24 ? gap[^24..] : gap);
            MentionFeatures.NGrams(ctx, 'G', folded, maxN: 2);
        }
        else Add("p_dir", "none");
        return (sym, ctx);
    }

    private static string Bucket(int n) => n switch { 0 => "0", <= 2 => "1-2", <= 5 => "3-5", <= 10 => "6-10", <= 20 => "11-20", _ => "21+" };

    private static int GapLength(ReadOnlySpan<char> gap)
    {
        int n = 0;
        foreach (char ch in gap) if (!char.IsAsciiDigit(ch) && ch != '.' && ch != ' ') n++;
        return n;
    }

    /// <summary>The distinct gap marks in <paramref name="gap"/>, ascending (there are seven kinds: <paramref name="buffer"/> holds eight).</summary>
    private static ReadOnlySpan<char> SeparatorsIn(ReadOnlySpan<char> gap, Span<char> buffer)
    {
        int n = 0;
        foreach (char ch in gap)
        {
            if (!Clauses.IsGapMark(ch) || buffer[..n].Contains(ch)) continue;
            if (n == buffer.Length) throw new InvalidOperationException("more kinds of gap marks than the buffer holds");
            int i = n++;
            for (; i > 0 && buffer[i - 1] > ch; i--) buffer[i] = buffer[i - 1];
            buffer[i] = ch;
        }
        return buffer[..n];
    }

    private static int FiguresIn(ReadOnlySpan<char> gap)
    {
        int n = 0;
        for (int i = 0; i < gap.Length; i++)
            if (char.IsAsciiDigit(gap[i]) && (i == 0 || !char.IsAsciiDigit(gap[i - 1]) && gap[i - 1] != '.')) n++;
        return n;
    }
}
