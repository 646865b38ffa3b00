namespace ReportMiner.Language;

/// <summary>
/// Latin letters lower-cased, one character for one, so that offsets stay valid and triggers
/// match "R&amp;D" and "r&amp;d" alike. The rules and the classifier's proposals both match on it.
/// </summary>
public static class LatinCase
{
    /// <summary>A copy of <paramref name="text"/> with A–Z lower-cased and everything else as it is.</summary>
    public static string LowerAscii(string text) => string.Create(text.Length, text, static (dst, src) =>
    {
        for (int i = 0; i < src.Length; i++)
        {
            char ch = src[i];
            dst[i] = ch is >= 'A' and <= 'Z' ? (char)(ch + 32) : ch;
        }
    });
}
