using System.Text;

namespace ReportMiner.Output;

/// <summary>Makes county keys safe as file names on Linux and Windows, whatever the input.</summary>
public static class CountyKey
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public const int MaxLength = 64;

    /// <summary>Letters and digits (any script) and '-', '_' are kept; anything else becomes '_'.</summary>
    public static string Sanitize(string key)
    {
        var sb = new StringBuilder(Math.Min(key.Length, MaxLength));
        foreach (var rune in key.EnumerateRunes())
        {
            if (sb.Length >= MaxLength) break;
            bool ok = Rune.IsLetterOrDigit(rune) || rune.Value is '-' or '_';
            if (ok) sb.Append(rune.ToString());
            else sb.Append('_');
        }
        var s = sb.ToString().Trim('_', '.', ' ');
        if (s.Length == 0) s = "unnamed";
        if (Reserved.Contains(s)) s = "_" + s;
        return s;
    }
}
