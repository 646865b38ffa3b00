using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.ML.Data;
using ReportMiner.Config;
using ReportMiner.Extract;
using ReportMiner.Segment;
using ReportMiner.Structure;

namespace ReportMiner.Classify;

/// <summary>
/// One candidate as the models see it: two bags of tokens (kept readable for debugging), the
/// hashed feature vector made from them, and the label columns.
/// </summary>
public sealed class FeatureRow
{
    /// <summary>Symbolic tokens from the rules' reading: rule indicator, nearest trigger, unit, section, cues …</summary>
    [NoColumn] public string Symbols { get; set; } = "";
    /// <summary>Character 1–3-grams of the text before (B…) and after (A…) the figure, digits folded to 0.</summary>
    [NoColumn] public string Context { get; set; } = "";
    /// <summary>Indicator id or <c>none</c> (the gold reading of the figure; for reports).</summary>
    [NoColumn] public string Label { get; set; } = "";
    /// <summary>Both bags hashed into <see cref="FeatureSpace.Size"/> slots (symbols as 0/1, context L2-normalised).</summary>
    [VectorType(FeatureSpace.Size)] public VBuffer<float> Features { get; set; }
    /// <summary>True when the proposed indicator is the gold one (indicator head).</summary>
    public bool IsMatch { get; set; }
    /// <summary>True for a target (status head).</summary>
    public bool IsTarget { get; set; }
}

/// <summary>
/// Turns a rule candidate and the text around it into a <see cref="FeatureRow"/>. Pure and
/// deterministic; the same code runs at training and prediction time.
/// </summary>
public static class MentionFeatures
{
    /// <summary>Bumped whenever the features change; a model records the version it was trained with.</summary>
    public const int Version = 4;

    /// <summary>Characters of context read before the figure (within its sentence).</summary>
    public const int BeforeWindow = 20;
    /// <summary>Characters of context read after the figure (within its sentence).</summary>
    public const int AfterWindow = 8;

    /// <summary>Cue words whose presence before the figure in its sentence (or clause) is a feature.</summary>
    public static readonly string[] Cues =
    [
        "力争", "确保", "目标", "计划", "预计", "预期", "争取", "拟", "将", "任务", "考核",
        "累计", "新增", "净增", "新认定", "认定", "复审", "其中", "分别", "包括", "申报", "推荐", "组织",
        "加计扣除", "奖补", "补助", "奖励", "减免", "兑现", "发放", "资金", "到位", "获得", "上级", "省级", "国家级",
        "培育", "培育库", "入库", "后备", "储备", "重点", "对象",
        "增长", "同比", "较上年", "比上年", "占", "比重", "强度", "营业收入", "gdp",
        "达到", "达", "共有", "总数", "现有", "突破", "超过", "完成", "实现", "全年", "上半年",
        "发明", "授权", "申请", "有效", "拥有", "每万人", "人次", "团队", "法人", "站长", "村", "项目",
    ];

    /// <summary>The features of <paramref name="c"/>.</summary>
    /// <param name="text">Normalised document text.</param>
    /// <param name="report">The report the candidate is in.</param>
    /// <param name="c">The rules' candidate.</param>
    /// <param name="tokenizer">The pipeline's word segmenter (jieba): words next to the figure are features.</param>
    /// <param name="keepText">Also keep the tokens as text in <see cref="FeatureRow.Symbols"/>/<see cref="FeatureRow.Context"/> (for training and debugging).</param>
    public static FeatureRow Build(string text, Report report, Candidate c, ITokenizer tokenizer, bool keepText = true)
    {
        var q = c.Quantity;
        var sym = TokenWriter.Create(0, 'S', keepText);
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
        Add("st", c.Status);
        Add("st_sec", c.Status + "/" + c.Section);
        Add("rej", c.Rejection is null ? null : c.Rejection.Split(':')[0]);
        if (c.Rejection is not null) Add("rejw", c.Rejection);
        Add("after", c.TriggerAfter ? "1" : "0");
        Add("qual", c.Qualifier);
        Add("approx", q.Approximate ? "1" : "0");
        Add("bound", q.Bound);
        Add("masked", q.Masked ? "1" : "0");
        Add("cn", q.ChineseNumeral ? "1" : "0");
        Add("mag", Magnitude(q.Value));
        Add("trig", c.Trigger);
        int span = Math.Max(1, report.End - report.Start);
        Add("pos", ((int)(4.0 * (q.Start - report.Start) / span)).ToString(CultureInfo.InvariantCulture));
        if (report.Title is { } title)
        {
            foreach (var w in new[] { "要点", "计划", "总结", "汇报", "思路", "打算" })
                if (title.Contains(w, StringComparison.Ordinal)) Add("title", w);
        }

        int sStart = c.SentenceStart, sEnd = c.SentenceEnd;
        var prefix = text.AsSpan(sStart, Math.Max(0, q.Start - sStart));
        int clauseStart = ClauseStart(text, q.Start, sStart);
        var clause = text.AsSpan(clauseStart, q.Start - clauseStart);
        var suffix = text.AsSpan(q.End, Math.Max(0, Math.Min(sEnd, q.End + 16) - q.End));
        int clauseOffset = clauseStart - sStart;
        foreach (var cue in Cues)
        {
            // The clause is the end of the prefix: the last occurrence tells which of the two holds the cue.
            int last = prefix.LastIndexOf(cue, StringComparison.Ordinal);
            if (last >= clauseOffset) Add("cc", cue);
            else if (last >= 0) Add("cs", cue);
            if (suffix.Contains(cue, StringComparison.Ordinal)) Add("ca", cue);
        }
        // Other figures in the clause: lists ("国家级1家、市级4家") and breakdowns.
        Add("first", clauseStart == q.Start || !HasDigit(clause) ? "1" : "0");

        var ctx = TokenWriter.Create(1, 'C', keepText);
        int b0 = Math.Max(sStart, q.Start - BeforeWindow);
        var before = Fold(text.AsSpan(b0, q.Start - b0));
        NGrams(ctx, 'B', before);
        int a1 = Math.Min(sEnd, q.End + AfterWindow);
        var after = Fold(text.AsSpan(q.End, Math.Max(0, a1 - q.End)));
        NGrams(ctx, 'A', after);
        // Anchored: the words right next to the figure weigh more than the rest of the window.
        for (int k = 1; k <= 4; k++)
        {
            if (before.Length >= k) ctx.Append(" P").Append(k).Append(':').Append(before.AsSpan(before.Length - k));
            if (after.Length >= k) ctx.Append(" F").Append(k).Append(':').Append(after.AsSpan(0, k));
        }
        NGrams(ctx, 'U', Fold(text.AsSpan(q.NumberStart, q.End - q.NumberStart)), maxN: 1);
        Words(ctx, tokenizer, before, 'W', 'L', last: true);
        Words(ctx, tokenizer, after, 'X', 'N', last: false);

        return new FeatureRow { Symbols = sym.ToString(), Context = ctx.ToString(), Features = FeatureSpace.FromSlots(sym.Finish(), ctx.Finish()) };
    }

    private static string Magnitude(double v)
    {
        if (v <= 0) return "0";
        return ((int)Math.Floor(Math.Log10(v))).ToString(CultureInfo.InvariantCulture);
    }

    private static bool HasDigit(ReadOnlySpan<char> s)
    {
        foreach (var ch in s) if (char.IsAsciiDigit(ch)) return true;
        return false;
    }

    private static int ClauseStart(string text, int pos, int sStart)
    {
        for (int i = pos - 1; i >= sStart; i--)
            if (text[i] is ',' or ';' or ':' or '，' or '；' or '：' or '、' or '(' or ')' or '（' or '）') return i + 1;
        return sStart;
    }

    /// <summary>Digits folded to 0, whitespace dropped, Latin lower-cased.</summary>
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

    /// <summary>
    /// Appends the words of <paramref name="s"/> tagged <paramref name="bag"/>, and the word next to
    /// the figure (the last one before it, or the first after it) tagged <paramref name="next"/>.
    /// Digits are folded, so "2025年" and "2024年" are one word.
    /// </summary>
    private static void Words(TokenWriter sb, ITokenizer tokenizer, string s, char bag, char next, bool last)
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

    /// <summary>Appends 1- to <paramref name="maxN"/>-grams (of folded text: no whitespace) as space-separated tokens tagged with <paramref name="side"/>.</summary>
    private static void NGrams(TokenWriter sb, char side, string s, int maxN = 3)
    {
        for (int n = 1; n <= maxN; n++)
            for (int i = 0; i + n <= s.Length; i++)
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(side).Append(n).Append(':').Append(s.AsSpan(i, n));
            }
    }

    /// <summary>A token that cannot contain the separator.</summary>
    private static string Clean(string s)
    {
        foreach (var ch in s)
            if (char.IsWhiteSpace(ch)) return string.Create(s.Length, s, static (dst, src) => { for (int i = 0; i < src.Length; i++) dst[i] = char.IsWhiteSpace(src[i]) ? '_' : src[i]; });
        return s;
    }

    /// <summary>
    /// The features of the pair (candidate, proposed indicator): the candidate's own vector plus
    /// that of where the proposal's trigger stands, what lies between it and the figure, and
    /// whether the rules chose it (its own bags, so the pair vector is the sum of the two and a
    /// linear head can score the candidate part once).
    /// </summary>
    public static FeatureRow BuildPair(FeatureRow candidate, string text, Candidate c, Proposal p)
    {
        var (extra, gap) = PairTokens(text, c, p, keepText: true);
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
    public static VBuffer<float> PairExtra(string text, Candidate c, Proposal p)
    {
        var (extra, gap) = PairTokens(text, c, p, keepText: false);
        return FeatureSpace.FromSlots(extra.Finish(), gap.Finish());
    }

    private static (TokenWriter Symbols, TokenWriter Context) PairTokens(string text, Candidate c, Proposal p, bool keepText)
    {
        var q = c.Quantity;
        var sym = TokenWriter.Create(0, 'T', keepText);
        void Add(string key, string value) => sym.Append(sym.Length > 0 ? " " : "").Append(key).Append('=').Append(Clean(value));
        string id = p.Spec.Id;
        bool isRule = id == c.Indicator;
        Add("p", id);
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
            foreach (var ch in SeparatorsIn(gap)) Add("p_sep", ch.ToString());
            if (gap.Contains("其中", StringComparison.Ordinal) || gap.Contains("分别", StringComparison.Ordinal)) Add("p_breakdown", "1");
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
            var folded = Fold(gap.Length > 24 ? gap[^24..] : gap);
            NGrams(ctx, 'G', folded, maxN: 2);
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

    private static IEnumerable<char> SeparatorsIn(ReadOnlySpan<char> gap)
    {
        var found = new SortedSet<char>();
        foreach (char ch in gap)
            if (ch is ',' or ';' or ':' or '、' or '(' or ')' or '。') found.Add(ch);
        return found;
    }

    private static int FiguresIn(ReadOnlySpan<char> gap)
    {
        int n = 0;
        for (int i = 0; i < gap.Length; i++)
            if (char.IsAsciiDigit(gap[i]) && (i == 0 || !char.IsAsciiDigit(gap[i - 1]) && gap[i - 1] != '.')) n++;
        return n;
    }
}

/// <summary>
/// The hashed feature space: each token goes to slot FNV-1a(bag tag + token) mod 2^18, so no
/// vocabulary is stored and featurising costs one pass over the tokens. Deterministic across
/// processes (unlike <see cref="string.GetHashCode()"/>).
/// </summary>
public static class FeatureSpace
{
    public const int Bits = 18;
    public const int Size = 1 << Bits;

    /// <summary>A row with the vector of <paramref name="symbols"/> and <paramref name="context"/>.</summary>
    public static FeatureRow Row(string symbols, string context) => new() { Symbols = symbols, Context = context, Features = Vectorize(symbols, context, 'S', 'C') };

    /// <summary>
    /// Symbols (space-separated) as 0/1 slots and context tokens as L2-normalised counts, each
    /// bag hashed with its own tag.
    /// </summary>
    public static VBuffer<float> Vectorize(string symbols, string context, char symbolTag, char contextTag)
        => FromSlots(SortedSlots(symbols, symbolTag), SortedSlots(context, contextTag));

    /// <summary>The vector of sorted symbol slots (0/1) and sorted context slots (L2-normalised counts).</summary>
    public static VBuffer<float> FromSlots(List<int> sym, List<int> ctx)
    {
        // Work arrays come from the pool; only the vector's own arrays are allocated (in Merge).
        var symIdx = ArrayPool<int>.Shared.Rent(sym.Count);
        var ones = ArrayPool<float>.Shared.Rent(sym.Count);
        var ctxIdx = ArrayPool<int>.Shared.Rent(ctx.Count);
        var ctxVal = ArrayPool<float>.Shared.Rent(ctx.Count);
        try
        {
            // Symbols: 0/1 per distinct slot.
            int ns = 0;
            foreach (var slot in sym) if (ns == 0 || symIdx[ns - 1] != slot) symIdx[ns++] = slot;
            ones.AsSpan(0, ns).Fill(1f);
            // Context: counts per slot, L2-normalised.
            int nc = 0;
            foreach (var slot in ctx)
            {
                if (nc > 0 && ctxIdx[nc - 1] == slot) ctxVal[nc - 1]++;
                else { ctxIdx[nc] = slot; ctxVal[nc++] = 1; }
            }
            double norm = 0;
            for (int k = 0; k < nc; k++) norm += (double)ctxVal[k] * ctxVal[k];
            norm = Math.Sqrt(norm);
            for (int k = 0; k < nc; k++) ctxVal[k] = (float)(ctxVal[k] / norm);
            return Merge(symIdx.AsSpan(0, ns), ones.AsSpan(0, ns), ctxIdx.AsSpan(0, nc), ctxVal.AsSpan(0, nc));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(symIdx);
            ArrayPool<float>.Shared.Return(ones);
            ArrayPool<int>.Shared.Return(ctxIdx);
            ArrayPool<float>.Shared.Return(ctxVal);
        }
    }

    /// <summary>
    /// Sorts slots (each below <see cref="Size"/>) ascending: a two-pass radix sort, about four
    /// times faster than <see cref="Array.Sort{T}(T[])"/> on the ~100 slots of a bag (a row
    /// sorts four bags); insertion sort for short bags. Any correct sort gives the same vector.
    /// </summary>
    public static void SortSlots(Span<int> slots)
    {
        if (slots.Length <= 32)
        {
            for (int i = 1; i < slots.Length; i++)
            {
                int v = slots[i], j = i - 1;
                for (; j >= 0 && slots[j] > v; j--) slots[j + 1] = slots[j];
                slots[j + 1] = v;
            }
            return;
        }
        const int RadixBits = (Bits + 1) / 2, Buckets = 1 << RadixBits, Mask = Buckets - 1;
        int[]? rented = slots.Length > 1024 ? ArrayPool<int>.Shared.Rent(slots.Length) : null;
        Span<int> tmp = rented is null ? stackalloc int[slots.Length] : rented.AsSpan(0, slots.Length);
        Span<int> low = stackalloc int[Buckets + 1];
        Span<int> high = stackalloc int[Buckets + 1];
        low.Clear();
        high.Clear();
        foreach (var v in slots)
        {
            low[(v & Mask) + 1]++;
            high[(v >> RadixBits) + 1]++;
        }
        for (int b = 1; b <= Buckets; b++)
        {
            low[b] += low[b - 1];
            high[b] += high[b - 1];
        }
        foreach (var v in slots) tmp[low[v & Mask]++] = v;
        foreach (var v in tmp) slots[high[v >> RadixBits]++] = v;
        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
    }

    /// <summary>The sum of two vectors of this space.</summary>
    public static VBuffer<float> Add(in VBuffer<float> a, in VBuffer<float> b)
        => Merge(a.GetIndices(), a.GetValues(), b.GetIndices(), b.GetValues());

    /// <summary>Merges two sparse vectors with sorted, distinct indices, summing shared slots.</summary>
    private static VBuffer<float> Merge(ReadOnlySpan<int> ai, ReadOnlySpan<float> av, ReadOnlySpan<int> bi, ReadOnlySpan<float> bv)
    {
        var indices = new int[ai.Length + bi.Length];
        var values = new float[indices.Length];
        int i = 0, j = 0, n = 0;
        while (i < ai.Length || j < bi.Length)
        {
            if (j >= bi.Length || (i < ai.Length && ai[i] < bi[j])) { indices[n] = ai[i]; values[n++] = av[i++]; }
            else if (i >= ai.Length || bi[j] < ai[i]) { indices[n] = bi[j]; values[n++] = bv[j++]; }
            else { indices[n] = ai[i]; values[n++] = av[i++] + bv[j++]; }
        }
        return new VBuffer<float>(Size, n, values, indices);
    }

    /// <summary>The slots of the space-separated tokens, sorted (one pass: each token is hashed as it is read).</summary>
    private static List<int> SortedSlots(string tokens, char tag)
    {
        var slots = new List<int>(tokens.Length / 3 + 1);
        const uint basis = 2166136261, prime = 16777619;
        uint start = (basis ^ tag) * prime;
        uint h = start;
        bool any = false;
        foreach (char ch in tokens)
        {
            if (ch == ' ')
            {
                if (any) slots.Add((int)(h & (Size - 1)));
                h = start;
                any = false;
            }
            else
            {
                h = (h ^ ch) * prime;
                any = true;
            }
        }
        if (any) slots.Add((int)(h & (Size - 1)));
        FeatureSpace.SortSlots(CollectionsMarshal.AsSpan(slots));
        return slots;
    }

    private static int Slot(char tag, ReadOnlySpan<char> token)
    {
        uint h = 2166136261;
        h = (h ^ tag) * 16777619;
        foreach (char ch in token) h = (h ^ ch) * 16777619;
        return (int)(h & (Size - 1));
    }
}

/// <summary>An indicator proposed for a figure: its spec and its nearest trigger in the sentence (null if only the rules named it).</summary>
/// <param name="TriggerBetween">Another indicator's trigger stands between this one and the figure.</param>
public sealed record Proposal(IndicatorSpec Spec, TriggerHit? Hit, bool TriggerBetween);

/// <summary>
/// Proposes indicators for a figure: every indicator whose trigger stands in the figure's
/// sentence and whose unit fits the figure, plus the rules' own choice. Thread-safe.
/// </summary>
public sealed class ProposalFinder
{
    private readonly TriggerMatcher _matcher;
    private readonly Dictionary<string, IndicatorSpec> _specs;

    public ProposalFinder(ExtractionSection extraction)
        : this(new TriggerMatcher(extraction.Indicators.Select((r, i) => new IndicatorSpec(r, i)).ToArray()))
    {
    }

    /// <summary>Proposes from an existing matcher (the rules' own: its trigger regexes are compiled once).</summary>
    public ProposalFinder(TriggerMatcher matcher)
    {
        _matcher = matcher;
        _specs = matcher.Specs.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>Triggers of one sentence (pass the result to <see cref="Propose"/> for each of its figures).</summary>
    public List<TriggerHit> Hits(string lower, int sentenceStart, int sentenceEnd) => _matcher.Find(lower, sentenceStart, sentenceEnd, null);

    /// <summary>The proposals for <paramref name="c"/>, in taxonomy order.</summary>
    public List<Proposal> Propose(Candidate c, List<TriggerHit> hits)
    {
        var q = c.Quantity;
        var result = new List<Proposal>();
        foreach (var spec in _specs.Values.OrderBy(s => s.Order))
        {
            if (!spec.Accepts(q) && spec.Id != c.Indicator) continue;
            TriggerHit? best = null;
            int bestDistance = int.MaxValue;
            foreach (var h in hits)
            {
                if (h.Indicator.Id != spec.Id) continue;
                int d = h.End <= q.Start ? q.Start - h.End : h.Start >= q.End ? h.Start - q.End + 1 : int.MaxValue;
                if (d < bestDistance) { best = h; bestDistance = d; }
            }
            if (best is null && spec.Id != c.Indicator) continue;
            bool between = false;
            if (best is TriggerHit b)
            {
                int lo = b.End <= q.Start ? b.End : q.End, hi = b.End <= q.Start ? q.Start : b.Start;
                foreach (var h in hits) between |= h.Indicator.Id != spec.Id && h.Start >= lo && h.End <= hi;
            }
            result.Add(new Proposal(spec, best, between));
        }
        return result;
    }

    /// <summary>Latin letters lower-cased, same length (as the rules match triggers).</summary>
    public static string LowerAscii(string text) => string.Create(text.Length, text, static (dst, src) =>
    {
        for (int i = 0; i < src.Length; i++)
        {
            char ch = src[i];
            dst[i] = ch is >= 'A' and <= 'Z' ? (char)(ch + 32) : ch;
        }
    });
}

/// <summary>
/// Writes space-separated tokens like a <see cref="StringBuilder"/> but hashes each token into
/// <see cref="FeatureSpace"/> as it is written (same slots as hashing the finished text), keeping
/// the text only when asked.
/// </summary>
internal sealed class TokenWriter
{
    private const uint Basis = 2166136261, Prime = 16777619;
    private uint _start;
    private readonly StringBuilder? _text;
    private readonly List<int> _slots = new(128);
    private uint _hash;
    private bool _open;

    public TokenWriter(char tag, bool keepText)
    {
        _text = keepText ? new StringBuilder(256) : null;
        Reset(tag);
    }

    private void Reset(char tag)
    {
        _start = (Basis ^ tag) * Prime;
        _hash = _start;
        _open = false;
        _slots.Clear();
        Length = 0;
    }

    /// <summary>
    /// A writer for one bag of a feature row. Without text (prediction) this thread's writer
    /// number <paramref name="index"/> (0 or 1) is reset and reused: a row needs two bags, its
    /// slots are copied into the vector at once, and there are several rows per figure.
    /// </summary>
    public static TokenWriter Create(int index, char tag, bool keepText)
    {
        if (keepText) return new TokenWriter(tag, keepText: true);
        var pool = t_pool ??= [new TokenWriter(tag, false), new TokenWriter(tag, false)];
        var writer = pool[index];
        writer.Reset(tag);
        return writer;
    }

    [ThreadStatic] private static TokenWriter[]? t_pool;

    /// <summary>Characters written so far.</summary>
    public int Length { get; private set; }

    public TokenWriter Append(char ch) => Append(new ReadOnlySpan<char>(in ch));

    /// <summary>Appends <paramref name="s"/>: the same as appending its characters one by one, with the hash kept in a local.</summary>
    public TokenWriter Append(ReadOnlySpan<char> s)
    {
        _text?.Append(s);
        Length += s.Length;
        uint hash = _hash;
        bool open = _open;
        foreach (var ch in s)
        {
            if (ch == ' ')
            {
                if (open) _slots.Add((int)(hash & (FeatureSpace.Size - 1)));
                hash = _start;
                open = false;
            }
            else
            {
                hash = (hash ^ ch) * Prime;
                open = true;
            }
        }
        _hash = hash;
        _open = open;
        return this;
    }

    public TokenWriter Append(string s) => Append(s.AsSpan());

    public TokenWriter Append(int n) => Append(n.ToString(CultureInfo.InvariantCulture));

    private void Close()
    {
        if (_open) _slots.Add((int)(_hash & (FeatureSpace.Size - 1)));
        _hash = _start;
        _open = false;
    }

    /// <summary>The slots of all tokens, sorted.</summary>
    public List<int> Finish()
    {
        Close();
        FeatureSpace.SortSlots(CollectionsMarshal.AsSpan(_slots));
        return _slots;
    }

    /// <summary>The tokens as text ("" when not kept).</summary>
    public override string ToString() => _text?.ToString() ?? "";
}
