namespace ReportMiner.Language;

/// <summary>
/// Where sentences end, the one home of that rule: the extraction splits a report into
/// sentences with <see cref="Split"/>; the normaliser and the PDF cleaner ask whether a line
/// ends one (to join soft line breaks).
/// </summary>
public static class Sentences
{
    /// <summary>Splits <c>text[start..end)</c> into sentences at 。！？ (full and half width) and hard line breaks.</summary>
    public static List<(int Start, int End)> Split(string text, int start, int end)
    {
        var result = new List<(int, int)>();
        int s = start;
        for (int i = start; i < end; i++)
        {
            char c = text[i];
            if (c is '。' or '!' or '?' or '！' or '？' or '\n')
            {
                if (i + 1 > s) result.Add((s, c == '\n' ? i : i + 1));
                s = i + 1;
            }
        }
        if (end > s) result.Add((s, end));
        return result;
    }

    /// <summary>A character after which a line does not run on into the next (sentence and clause ends, closing quotes).</summary>
    public static bool EndsLine(char c) => c is '。' or '！' or '？' or '；' or '：' or '!' or '?' or ';' or ':' or '…' or '」' or '”';

    /// <summary>Closing quotes and brackets, which may follow the mark that ends a sentence.</summary>
    public const string Closers = "”’」』）)】》〕〉]\"'";

    /// <summary>
    /// A PDF line that ends a sentence: 。！？；：!?;: (or '.' after a non-digit), possibly followed
    /// by closing quotes or brackets.
    /// </summary>
    public static bool EndsPdfLine(string text)
    {
        int i = text.Length - 1;
        while (i >= 0 && Closers.Contains(text[i])) i--;
        if (i < 0) return false;
        char c = text[i];
        if ("。！？；：!?;:".Contains(c)) return true;
        return c == '.' && i > 0 && !char.IsAsciiDigit(text[i - 1]);
    }
}
