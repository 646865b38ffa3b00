namespace ReportMiner.Segmentation;

/// <summary>A token: <see cref="Length"/> UTF-16 code units of the cut text from <see cref="Start"/>.</summary>
public readonly record struct Token(int Start, int Length)
{
    /// <summary>Index just past the token.</summary>
    public int End => Start + Length;
}

/// <summary>Which of jieba's cuts to run.</summary>
public enum SegmentMode
{
    /// <summary><c>jieba.cut(s, HMM=True)</c>: dictionary route plus HMM for unknown runs.</summary>
    Accurate,

    /// <summary><c>jieba.cut(s, HMM=False)</c>.</summary>
    AccurateNoHmm,

    /// <summary><c>jieba.cut_for_search(s, HMM=True)</c>: accurate cut plus the 2- and 3-grams of longer tokens that are words (tokens overlap).</summary>
    Search,

    /// <summary><c>jieba.cut_for_search(s, HMM=False)</c>.</summary>
    SearchNoHmm,
}

/// <summary>
/// A jieba 0.42.1-compatible segmenter: same tokens as python jieba's <c>cut</c> and
/// <c>cut_for_search</c> for the same dictionary. Immutable and safe to share between threads;
/// make one with <see cref="JiebaSegmenterBuilder"/>.
/// </summary>
public sealed class JiebaSegmenter
{
    private readonly PrefixDict _dict;
    private readonly HmmModel _hmm;
    private readonly HashSet<string> _forceSplit;
    private readonly double[] _logP;
    private readonly double _logTotal;

    /// <summary>
    /// A character of jieba's blocks (<c>re_han_default</c>: CJK, ASCII letters and digits,
    /// <c>+#&amp;._%-</c>). The cut splits text into maximal runs of these, each cut on its own
    /// (so a run gives the same tokens alone as inside a longer text), and makes every other
    /// character a token by itself (a <c>\r\n</c> pair or a surrogate pair as one token).
    /// </summary>
    public static bool IsBlockCharacter(char c) => CharClass.IsHanDefault(c);

    internal JiebaSegmenter(PrefixDict dict, HmmModel hmm, HashSet<string> forceSplit)
    {
        if (dict.Total <= 0) throw new InvalidOperationException("The dictionary's total frequency must be positive.");
        _dict = dict;
        _hmm = hmm;
        _forceSplit = forceSplit;
        _logTotal = Math.Log(dict.Total);
        var logP = new double[dict.Count];
        var freq = dict.Freq;
        var logTotal = _logTotal;
        var words = 0;
        for (var i = 0; i < logP.Length; i++)
        {
            if (freq[i] > 0)
            {
                logP[i] = Math.Log(freq[i]) - logTotal;
                words++;
            }
            else
            {
                logP[i] = double.NegativeInfinity;
            }
        }
        _logP = logP;
        WordCount = words;
    }

    /// <summary>Number of dictionary entries with a frequency above 0.</summary>
    public int WordCount { get; }

    /// <summary>jieba's <c>total</c>: the sum of all frequencies added (default dictionary: 60,101,967).</summary>
    public long TotalFrequency => _dict.Total;

    /// <summary>Cuts <paramref name="text"/> and appends its tokens, as offsets into it, to <paramref name="output"/>.</summary>
    public void Cut(ReadOnlySpan<char> text, List<Token> output, SegmentMode mode)
    {
        ArgumentNullException.ThrowIfNull(output);
        var hmm = mode is SegmentMode.Accurate or SegmentMode.Search ? _hmm : null;
        var search = mode is SegmentMode.Search or SegmentMode.SearchNoHmm;
        if (mode is < SegmentMode.Accurate or > SegmentMode.SearchNoHmm) throw new ArgumentOutOfRangeException(nameof(mode));
        var engine = new CutEngine<FrozenScorer>(text, _dict, new FrozenScorer(_logP), _logTotal, hmm, _forceSplit, search, output);
        engine.Run();
    }

    /// <summary>Like python's <c>jieba.lcut(text, HMM=hmm)</c>.</summary>
    public List<string> Cut(string text, bool hmm = true) => CutToStrings(text, hmm ? SegmentMode.Accurate : SegmentMode.AccurateNoHmm);

    /// <summary>Like python's <c>jieba.lcut_for_search(text, HMM=hmm)</c>.</summary>
    public List<string> CutForSearch(string text, bool hmm = true) => CutToStrings(text, hmm ? SegmentMode.Search : SegmentMode.SearchNoHmm);

    [ThreadStatic] private static List<Token>? t_tokens;

    private List<string> CutToStrings(string text, SegmentMode mode)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = t_tokens ?? new List<Token>(256);
        t_tokens = null; // not shared with a nested call on this thread
        tokens.Clear();
        Cut(text.AsSpan(), tokens, mode);
        var result = new List<string>(tokens.Count);
        foreach (var t in tokens) result.Add(t.Length == text.Length ? text : text.Substring(t.Start, t.Length));
        if (tokens.Capacity <= 1 << 16) t_tokens = tokens; // keep a modest buffer per thread
        return result;
    }

    /// <summary>True when <paramref name="word"/> is a dictionary word with frequency above 0 (jieba's <c>FREQ.get(word)</c> is truthy).</summary>
    public bool ContainsWord(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return false;
        var n = _dict.Find(word);
        return n > 0 && _logP[n] > double.NegativeInfinity;
    }

    /// <summary>Frequency of <paramref name="word"/> (0 for a prefix-only entry) and its tag, if it is a key of the dictionary.</summary>
    public bool TryGetWord(ReadOnlySpan<char> word, out long frequency, out string? tag)
    {
        var n = word.IsEmpty ? -1 : _dict.Find(word);
        if (n <= 0)
        {
            frequency = 0;
            tag = null;
            return false;
        }
        frequency = _dict.Freq[n];
        var t = _dict.TagIndex[n];
        tag = t == 0 ? null : _dict.Tags[t];
        return true;
    }

    /// <summary>
    /// True when every character of <paramref name="token"/> is whitespace by Python's
    /// <c>str.isspace()</c> (the tokens jieba returns for spaces, tabs, U+3000 … and "\r\n").
    /// </summary>
    public static bool IsWhitespaceToken(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty) return false;
        foreach (var c in token) if (!CharClass.IsPythonSpace(c)) return false;
        return true;
    }
}
