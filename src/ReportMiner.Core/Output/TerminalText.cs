using System.Text;

namespace ReportMiner.Output;

/// <summary>
/// Text for a terminal: control characters (C0 but tab, DEL, C1) are shown escaped (<c>\x1b</c>),
/// so a file name holding an escape sequence cannot move the cursor, recolour or retitle the
/// user's terminal when an error line names it.
/// </summary>
public static class TerminalText
{
    public static string Escape(string text)
    {
        int i = 0;
        while (i < text.Length && !IsControl(text[i])) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length + 8).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (IsControl(c)) sb.Append(c <= 0xFF ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsControl(char c) => (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F);
}
