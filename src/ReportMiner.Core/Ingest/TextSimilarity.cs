namespace ReportMiner.Ingest;

/// <summary>
/// Character similarity of recovered text to its source: 1 − Levenshtein(a, b) / len(reference),
/// both taken after removing all whitespace (layout is not content). 1.0 means every character
/// came back, in order. Used by the ingestion tests and the benchmark's fidelity table.
/// </summary>
public static class TextSimilarity
{
    /// <summary>Similarity of <paramref name="candidate"/> to <paramref name="reference"/>, in [0, 1].</summary>
    public static double Of(string reference, string candidate)
    {
        var a = StripWhitespace(reference);
        var b = StripWhitespace(candidate);
        if (a.Length == 0) return b.Length == 0 ? 1 : 0;
        return Math.Max(0, 1 - (double)Levenshtein(a, b) / a.Length);
    }

    /// <summary>The text without any whitespace character.</summary>
    public static string StripWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Edit distance (insertions, deletions, substitutions of UTF-16 code units), two-row dynamic programming.</summary>
    public static int Levenshtein(string a, string b)
    {
        if (a.Length < b.Length) (a, b) = (b, a);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            char ca = a[i - 1];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = ca == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
