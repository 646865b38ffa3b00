using System.Buffers;
using System.Runtime.CompilerServices;

namespace ReportMiner.Segmentation;

/// <summary>How a dictionary node scores: precomputed (frozen segmenter) or from live frequencies (builder).</summary>
internal interface IWordScorer
{
    /// <summary>FREQ[word] &gt; 0.</summary>
    bool IsWord(int node);

    /// <summary>log(FREQ[word]) - log(total), for a node where <see cref="IsWord"/> holds.</summary>
    double LogP(int node);
}

/// <summary>Scores of a built segmenter: one precomputed array, -∞ for non-words.</summary>
internal readonly struct FrozenScorer(double[] logP) : IWordScorer
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsWord(int node) => logP[node] > double.NegativeInfinity;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double LogP(int node) => logP[node];
}

/// <summary>Scores straight from a mutable dictionary (the builder's suggest_freq).</summary>
internal readonly struct LiveScorer(long[] freq, double logTotal) : IWordScorer
{
    public bool IsWord(int node) => freq[node] > 0;

    public double LogP(int node) => Math.Log(freq[node]) - logTotal;
}

/// <summary>
/// jieba 0.42.1's <c>Tokenizer.cut</c> / <c>cut_for_search</c> over UTF-16 offsets.
/// Each step is commented with the jieba code it reproduces.
/// </summary>
internal ref struct CutEngine<TScorer> where TScorer : struct, IWordScorer
{
    private readonly ReadOnlySpan<char> _text;
    private readonly PrefixDict _dict;
    private readonly int[] _rootChild;
    private readonly TScorer _scorer;
    private readonly HmmModel? _hmm;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _forceSplit;
    private readonly bool _hasForceSplit;
    private readonly bool _search;
    private readonly double _fallbackLogP;
    private readonly List<Token> _output;

    private double[]? _routeP;
    private int[]? _routeX;
    private double[]? _viterbiV;
    private byte[]? _viterbiBack;

    internal CutEngine(ReadOnlySpan<char> text, PrefixDict dict, TScorer scorer, double logTotal, HmmModel? hmm,
        HashSet<string>? forceSplit, bool search, List<Token> output)
    {
        _text = text;
        _dict = dict;
        _rootChild = dict.RootChild;
        _scorer = scorer;
        _hmm = hmm;
        _hasForceSplit = forceSplit is { Count: > 0 };
        _forceSplit = _hasForceSplit ? forceSplit!.GetAlternateLookup<ReadOnlySpan<char>>() : default;
        _search = search;
        _fallbackLogP = 0.0 - logTotal; // log(FREQ.get(c) or 1) - logtotal with FREQ.get(c) falsy
        _output = output;
    }

    /// <summary>Tokenizer.cut: re_han_default blocks and the characters between them.</summary>
    internal void Run()
    {
        try
        {
            var text = _text;
            var n = text.Length;
            var i = 0;
            while (i < n)
            {
                var c = text[i];
                if (CharClass.IsHanDefault(c))
                {
                    var j = i + 1;
                    while (j < n && CharClass.IsHanDefault(text[j])) j++;
                    CutHanBlock(i, j);
                    i = j;
                }
                else if (c == '\r' && i + 1 < n && text[i + 1] == '\n')
                {
                    // re_skip_default "(\r\n|\s)": "\r\n" is one token.
                    _output.Add(new Token(i, 2));
                    i += 2;
                }
                else if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(text[i + 1]))
                {
                    // Every other character is a token of one code point (python str iterates code points).
                    _output.Add(new Token(i, 2));
                    i += 2;
                }
                else
                {
                    // A whitespace match or a single other character: one token either way.
                    _output.Add(new Token(i, 1));
                    i++;
                }
            }
        }
        finally
        {
            if (_routeP is not null) ArrayPool<double>.Shared.Return(_routeP);
            if (_routeX is not null) ArrayPool<int>.Shared.Return(_routeX);
            if (_viterbiV is not null) ArrayPool<double>.Shared.Return(_viterbiV);
            if (_viterbiBack is not null) ArrayPool<byte>.Shared.Return(_viterbiBack);
        }
    }

    /// <summary>get_DAG + calc (right to left), then __cut_DAG or __cut_DAG_NO_HMM.</summary>
    private void CutHanBlock(int start, int end)
    {
        var n = end - start;
        if (_routeP is null || _routeP.Length < n + 1)
        {
            if (_routeP is not null) ArrayPool<double>.Shared.Return(_routeP);
            if (_routeX is not null) ArrayPool<int>.Shared.Return(_routeX);
            var size = Math.Max(n + 1, 256);
            _routeP = ArrayPool<double>.Shared.Rent(size);
            _routeX = ArrayPool<int>.Shared.Rent(size);
        }
        var routeP = _routeP;
        var routeX = _routeX!;
        var block = _text.Slice(start, n);
        var rootChild = _rootChild;
        var dict = _dict;
        var fallback = _fallbackLogP;

        // route[idx] = max((log(FREQ.get(sentence[idx:x+1]) or 1) - logtotal + route[x+1][0], x) for x in DAG[idx])
        routeP[n] = 0;
        for (var idx = n - 1; idx >= 0; idx--)
        {
            var node = rootChild[block[idx]];
            var bestX = -1;
            var best = 0.0;
            var x = idx;
            while (node != 0)
            {
                if (_scorer.IsWord(node))
                {
                    var p = _scorer.LogP(node) + routeP[x + 1];
                    // ties go to the larger end index x (tuple comparison in max)
                    if (bestX < 0 || p >= best)
                    {
                        best = p;
                        bestX = x;
                    }
                }
                if (++x >= n) break;
                node = dict.Child(node, block[x]);
            }
            if (bestX < 0)
            {
                best = fallback + routeP[idx + 1];
                bestX = idx;
            }
            routeP[idx] = best;
            routeX[idx] = bestX;
        }

        if (_hmm is not null) WalkRouteHmm(start, n, routeX);
        else WalkRouteNoHmm(start, n, routeX);
    }

    /// <summary>__cut_DAG: runs of one-character pieces are buffered and resolved by <see cref="FlushBuffer"/>.</summary>
    private void WalkRouteHmm(int start, int n, int[] routeX)
    {
        var x = 0;
        var buf = -1;
        while (x < n)
        {
            var y = routeX[x] + 1;
            if (y - x == 1)
            {
                if (buf < 0) buf = x;
            }
            else
            {
                if (buf >= 0)
                {
                    FlushBuffer(start + buf, x - buf);
                    buf = -1;
                }
                Emit(start + x, y - x);
            }
            x = y;
        }
        if (buf >= 0) FlushBuffer(start + buf, n - buf);
    }

    /// <summary>
    /// A buffer of 1 char is that char; a buffer that is itself a word (FREQ.get(buf) truthy)
    /// goes out char by char; anything else goes to finalseg.cut.
    /// </summary>
    private void FlushBuffer(int start, int len)
    {
        if (len == 1)
        {
            Emit(start, 1);
        }
        else if (!IsWordAt(start, len))
        {
            FinalsegCut(start, start + len);
        }
        else
        {
            for (var i = 0; i < len; i++) Emit(start + i, 1);
        }
    }

    /// <summary>__cut_DAG_NO_HMM: consecutive single [a-zA-Z0-9] pieces are glued.</summary>
    private void WalkRouteNoHmm(int start, int n, int[] routeX)
    {
        var text = _text;
        var x = 0;
        var buf = -1;
        while (x < n)
        {
            var y = routeX[x] + 1;
            if (y - x == 1 && CharClass.IsAsciiAlnum(text[start + x]))
            {
                if (buf < 0) buf = x;
            }
            else
            {
                if (buf >= 0)
                {
                    Emit(start + buf, x - buf);
                    buf = -1;
                }
                Emit(start + x, y - x);
            }
            x = y;
        }
        if (buf >= 0) Emit(start + buf, n - buf);
    }

    /// <summary>finalseg.cut: re_han ([\u4E00-\u9FD5]+) runs go to Viterbi, the rest to re_skip.</summary>
    private void FinalsegCut(int start, int end)
    {
        var text = _text;
        var i = start;
        while (i < end)
        {
            var cjk = CharClass.IsCjk(text[i]);
            var j = i + 1;
            while (j < end && CharClass.IsCjk(text[j]) == cjk) j++;
            if (cjk) ViterbiCut(i, j);
            else SkipSplit(i, j);
            i = j;
        }
    }

    /// <summary>
    /// re_skip.split with "([a-zA-Z0-9]+(?:\.\d+)?%?)": each match and each non-empty piece
    /// between matches is a token. (Only ASCII digits can occur here, so \d is [0-9].)
    /// </summary>
    private void SkipSplit(int start, int end)
    {
        var text = _text;
        var rest = start;
        var p = start;
        while (p < end)
        {
            if (!CharClass.IsAsciiAlnum(text[p]))
            {
                p++;
                continue;
            }
            var q = p + 1;
            while (q < end && CharClass.IsAsciiAlnum(text[q])) q++;
            if (q + 1 < end && text[q] == '.' && CharClass.IsAsciiDigit(text[q + 1]))
            {
                q += 2;
                while (q < end && CharClass.IsAsciiDigit(text[q])) q++;
            }
            if (q < end && text[q] == '%') q++;
            if (rest < p) Emit(rest, p - rest);
            Emit(p, q - p);
            p = rest = q;
        }
        if (rest < end) Emit(rest, end - rest);
    }

    /// <summary>finalseg.viterbi + __cut, with jieba's tie-breaking (larger state letter wins).</summary>
    private void ViterbiCut(int start, int end)
    {
        var hmm = _hmm!;
        var len = end - start;
        if (_viterbiBack is null || _viterbiBack.Length < len * 4)
        {
            if (_viterbiBack is not null) ArrayPool<byte>.Shared.Return(_viterbiBack);
            _viterbiBack = ArrayPool<byte>.Shared.Rent(Math.Max(len * 4, 256));
        }
        _viterbiV ??= ArrayPool<double>.Shared.Rent(8);
        var back = _viterbiBack;
        var emit = hmm.Emit;
        var trans = hmm.Trans;
        var text = _text;

        const int B = HmmModel.B, E = HmmModel.E, M = HmmModel.M, S = HmmModel.S;
        var e0 = (text[start] - HmmModel.HanFirst) * 4;
        // V[0][y] = start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT)
        var vB = hmm.Start[B] + emit[e0 + B];
        var vE = hmm.Start[E] + emit[e0 + E];
        var vM = hmm.Start[M] + emit[e0 + M];
        var vS = hmm.Start[S] + emit[e0 + S];
        double tEB = trans[E * 4 + B], tSB = trans[S * 4 + B], tMM = trans[M * 4 + M], tBM = trans[B * 4 + M];
        double tSS = trans[S * 4 + S], tES = trans[E * 4 + S], tBE = trans[B * 4 + E], tME = trans[M * 4 + E];
        for (var t = 1; t < len; t++)
        {
            var et = (text[start + t] - HmmModel.HanFirst) * 4;
            var bt = t * 4;
            // (prob, state) = max((V[t-1][y0] + trans_p[y0][y] + em_p, y0) for y0 in PrevStatus[y])
            // B <- E,S
            var em = emit[et + B];
            var a = vE + tEB + em;
            var b = vS + tSB + em;
            double nB;
            if (b >= a) { nB = b; back[bt + B] = S; } else { nB = a; back[bt + B] = E; }
            // M <- M,B
            em = emit[et + M];
            a = vM + tMM + em;
            b = vB + tBM + em;
            double nM;
            if (a >= b) { nM = a; back[bt + M] = M; } else { nM = b; back[bt + M] = B; }
            // S <- S,E
            em = emit[et + S];
            a = vS + tSS + em;
            b = vE + tES + em;
            double nS;
            if (a >= b) { nS = a; back[bt + S] = S; } else { nS = b; back[bt + S] = E; }
            // E <- B,M
            em = emit[et + E];
            a = vB + tBE + em;
            b = vM + tME + em;
            double nE;
            if (b >= a) { nE = b; back[bt + E] = M; } else { nE = a; back[bt + E] = B; }
            vB = nB; vM = nM; vS = nS; vE = nE;
        }
        // (prob, state) = max((V[-1][y], y) for y in 'ES')
        var state = vS >= vE ? S : E;
        // Backtrack into back[t*4] (slot B of step t is no longer needed once read).
        for (var t = len - 1; t >= 0; t--)
        {
            var prev = t > 0 ? back[t * 4 + state] : 0;
            back[t * 4] = (byte)state;
            state = prev;
        }
        // __cut: B opens, E closes [begin, i], S is a word, M continues; a tail after the last E/S is a word.
        var begin = 0;
        var next = 0;
        for (var i = 0; i < len; i++)
        {
            switch (back[i * 4])
            {
                case B:
                    begin = i;
                    break;
                case E:
                    HmmWord(start + begin, i + 1 - begin);
                    next = i + 1;
                    break;
                case S:
                    HmmWord(start + i, 1);
                    next = i + 1;
                    break;
            }
        }
        if (next < len) HmmWord(start + next, len - next);
    }

    /// <summary>A word from Viterbi; words added with frequency 0 (Force_Split_Words) go out char by char.</summary>
    private void HmmWord(int start, int len)
    {
        if (_hasForceSplit && len > 1 && _forceSplit.Contains(_text.Slice(start, len)))
        {
            for (var i = 0; i < len; i++) Emit(start + i, 1);
            return;
        }
        Emit(start, len);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsWordAt(int start, int len)
    {
        var text = _text;
        var node = _rootChild[text[start]];
        for (var i = 1; i < len && node != 0; i++) node = _dict.Child(node, text[start + i]);
        return node != 0 && _scorer.IsWord(node);
    }

    /// <summary>Appends a token; in search mode first its 2- and 3-grams that are words (cut_for_search).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit(int start, int len)
    {
        if (_search && len > 2) EmitGrams(start, len);
        _output.Add(new Token(start, len));
    }

    private void EmitGrams(int start, int len)
    {
        for (var i = 0; i < len - 1; i++)
            if (IsWordAt(start + i, 2)) _output.Add(new Token(start + i, 2));
        if (len > 3)
            for (var i = 0; i < len - 2; i++)
                if (IsWordAt(start + i, 3)) _output.Add(new Token(start + i, 3));
    }
}
