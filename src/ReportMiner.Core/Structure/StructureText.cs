using System.Text.RegularExpressions;

namespace ReportMiner.Structure;

/// <summary>Small readings of lines shared by the structure readers: a line's text, word lists, years.</summary>
internal static partial class StructureText
{
    /// <summary>A year written before 年 ("2024年").</summary>
    [GeneratedRegex(@"(?:19|20)\d\d(?=\s*年)")]
    public static partial Regex YearInText();

    /// <summary>The text of one line of <see cref="Normalise.LineIndex"/>.</summary>
    public static ReadOnlySpan<char> Line(string text, (int Start, int End) line) => text.AsSpan(line.Start, line.End - line.Start);

    /// <summary>The last line before <paramref name="li"/> with text on it, or -1.</summary>
    public static int PreviousTextLine(string text, List<(int Start, int End)> lines, int li)
    {
        for (int k = li - 1; k >= 0; k--)
            if (Line(text, lines[k]).Trim().Length > 0) return k;
        return -1;
    }

    public static bool ContainsAny(ReadOnlySpan<char> text, IReadOnlyList<string> words)
    {
        foreach (var w in words) if (text.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }
}
