using System.Globalization;
using System.Text;
using Microsoft.ML.Data;
using ReportMiner.Extract;
using ReportMiner.Language;
using ReportMiner.Segment;
using ReportMiner.Structure;

namespace ReportMiner.Classify;

/// <summary>
/// Turns a rule candidate and the text around it into a <see cref="FeatureRow"/> (the status
/// head's row; <see cref="PairFeatures"/> adds what a proposed indicator brings). Pure and
/// deterministic; the same code runs at training and prediction time.
/// The rows hold the evidence the rules read (triggers, units, cues, sections, the words around
/// the figure) but not the rules' indicator verdict (chosen indicator, rejection): every training
/// report is one the rules were written on, where that verdict is nearly always right, so a head
/// that sees it learns to copy it and inherits the rules' misses on reports they were not written
/// on (issue 14). The rules' status reading stays a feature of the status head.
/// </summary>
public static class MentionFeatures
{
    /// <summary>Bumped whenever the features change; a model records the version it was trained with.</summary>
    public const int Version = 5;

    /// <summary>Characters of context read before the figure (within its sentence).</summary>
    public const int BeforeWindow = 20;
    /// <summary>Characters of context read after the figure (within its sentence).</summary>
    public const int AfterWindow = 8;

    /// <summary>The features of <paramref name="c"/>.</summary>
    /// <param name="text">Normalised document text.</param>
    /// <param name="report">The report the candidate is in.</param>
    /// <param name="c">The rules' candidate.</param>
    /// <param name="tokenizer">The pipeline's word segmenter (jieba): words next to the figure are features.</param>
    /// <param name="words">Cue and title words the features look for (<c>extraction.features</c>).</param>
    /// <param name="keepText">Also keep the tokens as text in <see cref="FeatureRow.Symbols"/>/<see cref="FeatureRow.Context"/> (for training and debugging).</param>
    public static FeatureRow Build(string text, Report report, Candidate c, ITokenizer tokenizer, FeatureWordOptions words, bool keepText = true)
    {
        var q = c.Quantity;
        var sym = TokenWriter.Create(0, 'S', keepText);
        void Add(string key, string? value) => AddSymbol(sym, key, value);
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
        Add("mag", Magnitude(q.Value));
        int span = Math.Max(1, report.End - report.Start);
        Add("pos", ((int)(4.0 * (q.Start - report.Start) / span)).ToString(CultureInfo.InvariantCulture));
        if (report.Title is { } title)
        {
            foreach (var w in words.TitleWords)
                if (title.Contains(w, StringComparison.Ordinal)) Add("title", w);
        }

        int sStart = c.SentenceStart, sEnd = c.SentenceEnd;
        var prefix = text.AsSpan(sStart, Math.Max(0, q.Start - sStart));
        int clauseStart = Clauses.FeatureStart(text, q.Start, sStart);
        var clause = text.AsSpan(clauseStart, q.Start - clauseStart);
        var suffix = text.AsSpan(q.End, Math.Max(0, Math.Min(sEnd, q.End + 16) - q.End));
        int clauseOffset = clauseStart - sStart;
        if (!CueIndex.TryAppend(sym, text, c, clauseStart, words.Cues))
            foreach (var cue in words.Cues)
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

    /// <summary>Appends the symbol "key=value" (value cleaned of whitespace, "_" for null), space-separated.</summary>
    internal static void AddSymbol(TokenWriter sym, string key, string? value)
    {
        if (sym.Length > 0) sym.Append(' ');
        sym.Append(key).Append('=').Append(Clean(value ?? "_"));
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


    /// <summary>Digits folded to 0, whitespace dropped, Latin lower-cased.</summary>
    internal static string Fold(ReadOnlySpan<char> s)
    {
        Span<char> buffer = s.Length <= 128 ? stackalloc char[128] : new char[s.Length];
        int n = 0;
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch)) continue;
            buffer[n++] = char.IsAsciiDigit(ch) ? '0' : char.ToLowerInvariant(ch);
        }
        return n == 0 ? "" : new string(buffer[..n]);
    }

    /// <summary>
    /// Appends the words of <paramref name="s"/> tagged <paramref name="bag"/>, and the word next to
    /// the figure (the last one before it, or the first after it) tagged <paramref name="next"/>.
    /// Digits are folded, so "2025年" and "2024年" are one word.
    /// </summary>
    private static void Words(TokenWriter sb, ITokenizer tokenizer, string s, char bag, char next, bool last)
    {
        if (s.Length == 0) return;
        // One list per thread: two windows a figure.
        var tokens = t_tokens ??= new List<(int Start, int Length)>(32);
        tokens.Clear();
        tokenizer.Tokenize(s, tokens);
        foreach (var (start, length) in tokens)
            if (length > 1 || !char.IsPunctuation(s[start])) sb.Append(' ').Append(bag).Append(':').Append(s.AsSpan(start, length));
        if (tokens.Count == 0) return;
        var (ns, nl) = last ? tokens[^1] : tokens[0];
        sb.Append(' ').Append(next).Append(':').Append(s.AsSpan(ns, nl));
        if (tokens.Capacity > 1024) t_tokens = null;
    }

    [ThreadStatic] private static List<(int Start, int Length)>? t_tokens;

    /// <summary>Appends 1- to <paramref name="maxN"/>-grams (of folded text: no whitespace) as space-separated tokens tagged with <paramref name="side"/>.</summary>
    internal static void NGrams(TokenWriter sb, char side, string s, int maxN = 3) => sb.AppendGrams(side, s, maxN);

    /// <summary>A token that cannot contain the separator.</summary>
    internal static string Clean(string s)
    {
        foreach (var ch in s)
            if (char.IsWhiteSpace(ch)) return string.Create(s.Length, s, static (dst, src) => { for (int i = 0; i < src.Length; i++) dst[i] = char.IsWhiteSpace(src[i]) ? '_' : src[i]; });
        return s;
    }
}
