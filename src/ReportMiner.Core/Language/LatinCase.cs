namespace ReportMiner.Language;

/// <summary>
/// Latin letters lower-cased, one character for one, so that offsets stay valid and triggers
/// match "R&amp;D" and "r&amp;d" alike. The rules and the classifier's proposals both match on it.
/// </summary>
public static class LatinCase
{
    /// <summary>
    /// A copy of <paramref name="text"/> with A–Z lower-cased and everything else as it is. Asked
    /// again for the same string on the same thread (the pipeline, then the classifier, for one
    /// document), it returns the same copy: trigger matches cached for that copy are found again.
    /// </summary>
    public static string LowerAscii(string text)
    {
        if (ReferenceEquals(t_text, text)) return t_lower!;
        var lower = string.Create(text.Length, text, static (dst, src) =>
        {
            for (int i = 0; i < src.Length; i++)
            {
                char ch = src[i];
                dst[i] = ch is >= 'A' and <= 'Z' ? (char)(ch + 32) : ch;
            }
        });
        t_text = text;
        t_lower = lower;
        return lower;
    }

    [ThreadStatic] private static string? t_text;
    [ThreadStatic] private static string? t_lower;
}
