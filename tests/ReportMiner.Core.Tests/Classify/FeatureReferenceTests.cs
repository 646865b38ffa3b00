using System.Globalization;
using System.Text;
using ReportMiner.Classify;
using ReportMiner.Config;
using ReportMiner.Extract;
using ReportMiner.Language;
using ReportMiner.Segment;
using ReportMiner.Structure;

namespace ReportMiner.Core.Tests.Classify;

/// <summary>
/// The prediction path of the features (no text kept: tokens hashed as written, cues found once
/// per sentence, n-grams hashed from their prefix, work arrays reused) gives exactly the tokens,
/// slots and values of the straightforward implementation the shipped model was trained with
/// (<see cref="Reference"/>, kept here as it was), for every candidate and proposal of the corpus.
/// </summary>
public class FeatureReferenceTests
{
    private static ExtractionOptions Extraction => SharedPipeline.Config.Extraction;

    [Fact]
    public void Candidate_and_pair_features_equal_the_reference_implementation_on_every_corpus_candidate()
    {
        var words = Extraction.Features;
        var finder = new ProposalFinder(Extraction);
        var tokenizer = LabelledCorpus.Tokenizer;
        int rows = 0, pairs = 0;
        foreach (var d in LabelledCorpus.All)
        {
            var text = d.Result.Normalized.Text;
            var lower = LatinCase.LowerAscii(text);
            foreach (var r in d.Result.Reports)
                foreach (var c in r.Candidates)
                {
                    var (refSym, refCtx) = Reference.Build(text, r.Report, c, tokenizer, words);
                    var kept = MentionFeatures.Build(text, r.Report, c, tokenizer, words, keepText: true);
                    Assert.Equal(refSym, kept.Symbols);
                    Assert.Equal(refCtx, kept.Context);
                    var fast = MentionFeatures.Build(text, r.Report, c, tokenizer, words, keepText: false);
                    AssertSameVector(FeatureSpace.Vectorize(refSym, refCtx, 'S', 'C'), fast.Features);
                    AssertSameVector(FeatureSpace.Vectorize(refSym, refCtx, 'S', 'C'), kept.Features);
                    rows++;
                    if (!MlMentionClassifier.IsEligible(c)) continue;
                    foreach (var p in finder.Propose(c, finder.Hits(lower, c.SentenceStart, c.SentenceEnd)))
                    {
                        var (refExtra, refGap) = Reference.PairTokens(text, c, p, words);
                        AssertSameVector(FeatureSpace.Vectorize(refExtra, refGap, 'T', 'G'), PairFeatures.Extra(text, c, p, words));
                        var pair = PairFeatures.Build(kept, text, c, p, words);
                        Assert.Equal(refSym + " " + refExtra, pair.Symbols);
                        Assert.Equal(refCtx + " " + refGap, pair.Context);
                        pairs++;
                    }
                }
        }
        Assert.True(rows > 1000, $"only {rows} candidates");
        Assert.True(pairs > 500, $"only {pairs} proposals");
    }

    [Fact]
    public void Cue_features_follow_a_change_of_cue_list_and_figures_outside_their_sentence()
    {
        var d = LabelledCorpus.All[0];
        var text = d.Result.Normalized.Text;
        var r = d.Result.Reports[0];
        var words = Extraction.Features;
        var fewer = new FeatureWordOptions { Cues = words.Cues.Take(5).ToList(), TitleWords = words.TitleWords, Breakdown = words.Breakdown };
        var withEmpty = new FeatureWordOptions { Cues = [.. words.Cues, ""], TitleWords = words.TitleWords, Breakdown = words.Breakdown };
        int n = 0;
        foreach (var c in r.Candidates.Take(30))
            foreach (var w in new[] { words, fewer, words, withEmpty })
            {
                var (refSym, refCtx) = Reference.Build(text, r.Report, c, LabelledCorpus.Tokenizer, w);
                var fast = MentionFeatures.Build(text, r.Report, c, LabelledCorpus.Tokenizer, w, keepText: false);
                AssertSameVector(FeatureSpace.Vectorize(refSym, refCtx, 'S', 'C'), fast.Features);
                // The same figure read as if its sentence ended before it (the cue index must not apply).
                var cut = c with { SentenceEnd = Math.Max(c.SentenceStart, c.Quantity.Start - 1) };
                (refSym, refCtx) = Reference.Build(text, r.Report, cut, LabelledCorpus.Tokenizer, w);
                AssertSameVector(FeatureSpace.Vectorize(refSym, refCtx, 'S', 'C'), MentionFeatures.Build(text, r.Report, cut, LabelledCorpus.Tokenizer, w, keepText: false).Features);
                n++;
            }
        Assert.True(n > 0);
    }

    [Theory]
    [InlineData(1.01)]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public void Decide_equals_applying_full_scores_for_every_candidate_field(double recover)
    {
        // Decide skips building the features of a figure without rule indicator and without proposals:
        // every field of every candidate must still equal Apply over the full scores.
        var (train, test) = LabelledCorpus.Split();
        var options = new ClassifierOptions { KeepThreshold = 0.5, RecoverThreshold = recover, StatusThreshold = 0.5 };
        var classifier = new MlMentionClassifier(ReportMiner.Training.ClassifierTrainer.TrainHeads(train, options), Extraction, LabelledCorpus.Tokenizer, "fp");
        int skipped = 0, compared = 0;
        foreach (var d in test)
            foreach (var r in d.Result.Reports)
            {
                var text = d.Result.Normalized.Text;
                var scores = classifier.Score(text, r.Report, r.Candidates);
                var full = scores.Select((s, i) => s is null || (recover > 1 && r.Candidates[i].Indicator is null) ? r.Candidates[i] : MlMentionClassifier.Apply(r.Candidates[i], s, options)).ToList();
                var decided = classifier.Decide(text, r.Report, r.Candidates);
                Assert.Equal(full, decided);
                compared += full.Count;
                skipped += scores.Where((s, i) => s is { Proposals.Count: 0 } && r.Candidates[i].Indicator is null).Count();
            }
        Assert.True(compared > 100);
        if (recover <= 1) Assert.True(skipped > 0, "no figure without rule indicator and proposals: the shortcut is not exercised");
    }

    private static void AssertSameVector(Microsoft.ML.Data.VBuffer<float> expected, Microsoft.ML.Data.VBuffer<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.GetIndices().ToArray(), actual.GetIndices().ToArray());
        Assert.Equal(expected.GetValues().ToArray(), actual.GetValues().ToArray());
    }

    /// <summary>The features as implemented when the shipped model was trained (features v4), text only.</summary>
    private static class Reference
    {
        public static (string Symbols, string Context) Build(string text, Report report, Candidate c, ITokenizer tokenizer, FeatureWordOptions words)
        {
            var q = c.Quantity;
            var sym = new StringBuilder();
            void Add(string key, string? value)
            {
                if (sym.Length > 0) sym.Append(' ');
                sym.Append(key).Append('=').Append(Clean(value ?? "_"));
            }
            Add("ri", c.Indicator);
            Add("ni", c.NearestIndicator);
            Add("kind", q.Kind.ToString());
            Add("unit", q.Unit);
            Add("kind_ni", q.Kind + "/" + (c.NearestIndicator ?? "_"));
            Add("sec", c.Section.ToString());
            Add("st", c.Status.Word());
            Add("st_sec", c.Status.Word() + "/" + c.Section);
            Add("approx", q.Approximate ? "1" : "0");
            Add("bound", q.Bound);
            Add("masked", q.Masked ? "1" : "0");
            Add("cn", q.ChineseNumeral ? "1" : "0");
            Add("mag", q.Value <= 0 ? "0" : ((int)Math.Floor(Math.Log10(q.Value))).ToString(CultureInfo.InvariantCulture));
            int span = Math.Max(1, report.End - report.Start);
            Add("pos", ((int)(4.0 * (q.Start - report.Start) / span)).ToString(CultureInfo.InvariantCulture));
            if (report.Title is { } title)
                foreach (var w in words.TitleWords)
                    if (title.Contains(w, StringComparison.Ordinal)) Add("title", w);
            int sStart = c.SentenceStart, sEnd = c.SentenceEnd;
            var prefix = text.AsSpan(sStart, Math.Max(0, q.Start - sStart));
            int clauseStart = Clauses.FeatureStart(text, q.Start, sStart);
            var clause = text.AsSpan(clauseStart, q.Start - clauseStart);
            var suffix = text.AsSpan(q.End, Math.Max(0, Math.Min(sEnd, q.End + 16) - q.End));
            int clauseOffset = clauseStart - sStart;
            foreach (var cue in words.Cues)
            {
                int last = prefix.LastIndexOf(cue, StringComparison.Ordinal);
                if (last >= clauseOffset) Add("cc", cue);
                else if (last >= 0) Add("cs", cue);
                if (suffix.Contains(cue, StringComparison.Ordinal)) Add("ca", cue);
            }
            bool hasDigit = false;
            foreach (var ch in clause) hasDigit |= char.IsAsciiDigit(ch);
            Add("first", clauseStart == q.Start || !hasDigit ? "1" : "0");

            var ctx = new StringBuilder();
            int b0 = Math.Max(sStart, q.Start - MentionFeatures.BeforeWindow);
            var before = Fold(text.AsSpan(b0, q.Start - b0));
            NGrams(ctx, 'B', before);
            int a1 = Math.Min(sEnd, q.End + MentionFeatures.AfterWindow);
            var after = Fold(text.AsSpan(q.End, Math.Max(0, a1 - q.End)));
            NGrams(ctx, 'A', after);
            for (int k = 1; k <= 4; k++)
            {
                if (before.Length >= k) ctx.Append(" P").Append(k).Append(':').Append(before.AsSpan(before.Length - k));
                if (after.Length >= k) ctx.Append(" F").Append(k).Append(':').Append(after.AsSpan(0, k));
            }
            NGrams(ctx, 'U', Fold(text.AsSpan(q.NumberStart, q.End - q.NumberStart)), maxN: 1);
            Words(ctx, tokenizer, before, 'W', 'L', last: true);
            Words(ctx, tokenizer, after, 'X', 'N', last: false);
            return (sym.ToString(), ctx.ToString());
        }

        public static (string Symbols, string Context) PairTokens(string text, Candidate c, Proposal p, FeatureWordOptions words)
        {
            var q = c.Quantity;
            var sym = new StringBuilder();
            void Add(string key, string value) => sym.Append(sym.Length > 0 ? " " : "").Append(key).Append('=').Append(Clean(value));
            string id = p.Spec.Id;
            bool isRule = id == c.Indicator;
            Add("p", id);
            Add("p_rule", isRule ? "1" : "0");
            Add("p_near", id == c.NearestIndicator ? "1" : "0");
            Add("p_rulestate", isRule ? "chosen" : c.Indicator is null ? "rules-none" : "rules-other");
            Add("p_kind", id + "/" + q.Kind + "/" + q.Unit);
            var ctx = new StringBuilder();
            if (p.Hit is TriggerHit h)
            {
                bool before = h.End <= q.Start;
                int a = before ? h.End : q.End, b = before ? q.Start : h.Start;
                var gap = text.AsSpan(a, Math.Max(0, b - a));
                Add("p_dir", before ? "before" : "after");
                Add("p_gap", Bucket(GapLength(gap)));
                Add("p_dir_gap", (before ? "b" : "a") + Bucket(GapLength(gap)));
                var separators = new SortedSet<char>();
                foreach (char ch in gap) if (Clauses.IsGapMark(ch)) separators.Add(ch);
                foreach (var ch in separators) Add("p_sep", ch.ToString());
                foreach (var w in words.Breakdown)
                    if (gap.Contains(w, StringComparison.Ordinal)) { Add("p_breakdown", "1"); break; }
                int figures = 0;
                for (int i = 0; i < gap.Length; i++)
                    if (char.IsAsciiDigit(gap[i]) && (i == 0 || !char.IsAsciiDigit(gap[i - 1]) && gap[i - 1] != '.')) figures++;
                Add("p_figs", Math.Min(3, figures).ToString(CultureInfo.InvariantCulture));
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
                NGrams(ctx, 'G', Fold(gap.Length > 24 ? gap[^24..] : gap), maxN: 2);
            }
            else Add("p_dir", "none");
            return (sym.ToString(), ctx.ToString());
        }

        private static string Bucket(int n) => n switch { 0 => "0", <= 2 => "1-2", <= 5 => "3-5", <= 10 => "6-10", <= 20 => "11-20", _ => "21+" };

        private static int GapLength(ReadOnlySpan<char> gap)
        {
            int n = 0;
            foreach (char ch in gap) if (!char.IsAsciiDigit(ch) && ch != '.' && ch != ' ') n++;
            return n;
        }

        private static string Fold(ReadOnlySpan<char> s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (var ch in s)
            {
                if (char.IsWhiteSpace(ch)) continue;
                if (char.IsAsciiDigit(ch)) sb.Append('0');
                else sb.Append(char.ToLowerInvariant(ch));
            }
            return sb.ToString();
        }

        private static void Words(StringBuilder sb, ITokenizer tokenizer, string s, char bag, char next, bool last)
        {
            if (s.Length == 0) return;
            var tokens = new List<(int Start, int Length)>();
            tokenizer.Tokenize(s, tokens);
            foreach (var (start, length) in tokens)
                if (length > 1 || !char.IsPunctuation(s[start])) sb.Append(' ').Append(bag).Append(':').Append(s.AsSpan(start, length));
            if (tokens.Count == 0) return;
            var (ns, nl) = last ? tokens[^1] : tokens[0];
            sb.Append(' ').Append(next).Append(':').Append(s.AsSpan(ns, nl));
        }

        private static void NGrams(StringBuilder sb, char side, string s, int maxN = 3)
        {
            for (int n = 1; n <= maxN; n++)
                for (int i = 0; i + n <= s.Length; i++)
                {
                    if (sb.Length > 0) sb.Append(' ');
                    sb.Append(side).Append(n).Append(':').Append(s.AsSpan(i, n));
                }
        }

        private static string Clean(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (var ch in s) sb.Append(char.IsWhiteSpace(ch) ? '_' : ch);
            return sb.ToString();
        }
    }
}
