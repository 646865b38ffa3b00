using System.Globalization;

namespace ReportMiner.Export;

/// <summary>Text into HTML (and inline SVG): every character that could open markup is escaped.</summary>
internal static class Html
{
    /// <summary>Writes <paramref name="text"/> escaped for element content and quoted attribute values.</summary>
    public static void Text(TextWriter w, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            string? entity = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                // Control characters are not allowed in HTML text: shown as the replacement character.
                < ' ' and not '\t' and not '\n' => "\uFFFD",
                '\u007F' => "\uFFFD",
                _ => null,
            };
            if (entity is null) continue;
            if (i > start) w.Write(text.AsSpan(start, i - start));
            w.Write(entity);
            start = i + 1;
        }
        if (start < text.Length) w.Write(text.AsSpan(start));
    }

    /// <summary>The escaped text as a string (for tests and short labels).</summary>
    public static string Escape(string? text)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        Text(w, text);
        return w.ToString();
    }

    /// <summary>At most <paramref name="max"/> characters of <paramref name="text"/>, with an ellipsis when cut (never inside a surrogate pair).</summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max) return text;
        int cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return string.Concat(text.AsSpan(0, cut), "\u2026");
    }

    /// <summary>A number for SVG coordinates: invariant, at most one decimal.</summary>
    public static string Coord(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
