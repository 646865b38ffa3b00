using ReportMiner.Extract;

namespace ReportMiner.Classify;

/// <summary>
/// The cue features of <see cref="MentionFeatures.Build"/> (cc/cs: a cue in the figure's clause or
/// earlier in its sentence; ca: a cue right after it) from the cues' occurrences in the sentence,
/// found once per sentence on this thread instead of searching every cue around every figure.
/// Same tokens in the same order as the search (<see cref="MentionFeatures"/> falls back to it
/// where this does not apply).
/// </summary>
internal static class CueIndex
{
    [ThreadStatic] private static State? t_state;

    /// <summary>
    /// Appends the cue symbols of <paramref name="c"/>; false (nothing written) when the figure is not
    /// inside its sentence or a cue is empty, where the caller searches as before.
    /// </summary>
    public static bool TryAppend(TokenWriter sym, string text, Candidate c, int clauseStart, List<string> cues)
    {
        var q = c.Quantity;
        int sStart = c.SentenceStart, sEnd = c.SentenceEnd;
        if (q.Start < sStart || q.Start > sEnd || q.End < q.Start || sEnd > text.Length) return false;
        var state = t_state ??= new State();
        if (!state.Prepare(text, sStart, sEnd, cues)) return false;
        int prefixEnd = q.Start;                                 // the prefix is [sStart, q.Start)
        int suffixEnd = Math.Min(sEnd, q.End + 16);              // the suffix is [q.End, suffixEnd)
        foreach (int k in state.Found)
        {
            var cue = state.Cues[k];
            int len = cue.Length;
            int last = -1;
            bool after = false;
            foreach (int p in state.Positions[k])
            {
                if (p + len <= prefixEnd) last = p;              // positions ascend: the last one that fits
                if (p >= q.End && p + len <= suffixEnd) after = true;
            }
            if (last >= clauseStart) MentionFeatures.AddSymbol(sym, "cc", cue);
            else if (last >= 0) MentionFeatures.AddSymbol(sym, "cs", cue);
            if (after) MentionFeatures.AddSymbol(sym, "ca", cue);
        }
        return true;
    }

    private sealed class State
    {
        private string? _text;
        private int _start = -1, _end = -1;
        private List<string>? _list;
        public string[] Cues = [];
        private Dictionary<char, int[]> _byFirst = [];
        public List<int>[] Positions = [];
        /// <summary>Indices of the cues found in the sentence, ascending (cue order).</summary>
        public readonly List<int> Found = [];
        private bool _usable;

        /// <summary>Finds the cues in the sentence unless it is the one last prepared; false when a cue is empty.</summary>
        public bool Prepare(string text, int start, int end, List<string> cues)
        {
            // The same sentence of the same text with the same list (its words checked when the sentence changes).
            if (ReferenceEquals(_text, text) && _start == start && _end == end && ReferenceEquals(_list, cues) && cues.Count == Cues.Length) return _usable;
            if (!ReferenceEquals(_list, cues) || !SameCues(cues))
            {
                _list = cues;
                Cues = [.. cues];
                _usable = Cues.All(w => w.Length > 0);
                _byFirst = Cues.Select((w, i) => (w, i)).Where(x => x.w.Length > 0).GroupBy(x => x.w[0])
                    .ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray());
                Positions = Cues.Select(_ => new List<int>()).ToArray();
                Found.Clear();
                _text = null;
            }
            if (!_usable) return false;
            if (ReferenceEquals(_text, text) && _start == start && _end == end) return true;
            foreach (int k in Found) Positions[k].Clear();
            Found.Clear();
            for (int i = start; i < end; i++)
            {
                if (!_byFirst.TryGetValue(text[i], out var candidates)) continue;
                var rest = text.AsSpan(i, end - i);
                foreach (int k in candidates)
                {
                    if (!rest.StartsWith(Cues[k], StringComparison.Ordinal)) continue;
                    if (Positions[k].Count == 0) Found.Add(k);
                    Positions[k].Add(i);
                }
            }
            Found.Sort();
            _text = text;
            _start = start;
            _end = end;
            return true;
        }

        private bool SameCues(List<string> cues)
        {
            if (cues.Count != Cues.Length) return false;
            for (int i = 0; i < Cues.Length; i++)
                if (!ReferenceEquals(cues[i], Cues[i])) return false;
            return true;
        }
    }
}
