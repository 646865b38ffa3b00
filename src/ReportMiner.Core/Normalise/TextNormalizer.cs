using System.Text.RegularExpressions;

namespace ReportMiner.Normalise;

/// <summary>
/// Cleans report text while keeping a map back to the source: drops page furniture lines
/// (breadcrumbs, Tags:, menus), removes watermarks and pinyin glosses inside sentences, maps
/// full-width ASCII to half-width and traditional to simplified characters, and joins line
/// breaks that fall inside a sentence ("达到\n3.2亿元" → "达到3.2亿元"). Immutable and thread-safe.
/// </summary>
public sealed class TextNormalizer
{
    private readonly Regex[] _boilerplate;
    private readonly Regex[] _watermarks;
    private readonly TraditionalToSimplified _t2s;

    /// <summary>A pinyin gloss after a character in parentheses: 選(xuǎn). At least one tone mark.</summary>
    private static readonly Regex PinyinGloss = new(
        @"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]*[)）]",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public TextNormalizer(TextNormalizerOptions options, TraditionalToSimplified? t2s = null)
    {
        const RegexOptions opts = RegexOptions.CultureInvariant | RegexOptions.Compiled;
        _boilerplate = options.BoilerplateLines.Select(p => new Regex("^(?:" + p + ")$", opts)).ToArray();
        _watermarks = options.Watermarks.Select(p => new Regex(p, opts | RegexOptions.IgnoreCase)).ToArray();
        _t2s = t2s ?? TraditionalToSimplified.None;
    }

    public NormalizedText Normalize(string source)
    {
        var buffer = new char[source.Length];
        var map = new int[source.Length + 1];
        int n = 0;
        var removed = new bool[source.Length];
        var lines = LineIndex.Of(source);

        // Pass 1: mark what goes (furniture lines, watermarks, glosses).
        var dropped = new bool[lines.Count];
        for (int li = 0; li < lines.Count; li++)
        {
            var (start, end) = lines[li];
            int length = end - start;
            var line = source.AsSpan(start, length).Trim();
            if (line.Length > 0 && IsBoilerplate(line.ToString())) { dropped[li] = true; continue; }
            if (length == 0) continue;
            var text = source.Substring(start, length);
            foreach (var re in _watermarks) Mark(re, text, start, removed);
            Mark(PinyinGloss, text, start, removed);
        }

        // Pass 2: copy what stays, mapping characters and deciding each line break.
        for (int li = 0; li < lines.Count; li++)
        {
            var (start, end) = lines[li];
            int length = end - start;
            if (!dropped[li])
            {
                for (int i = start; i < start + length; i++)
                {
                    if (removed[i]) continue;
                    buffer[n] = MapChar(source[i]);
                    map[n++] = i;
                }
            }
            int breakAt = start + length;
            if (breakAt >= source.Length) break;
            if (dropped[li] || !JoinsNext(source, lines, dropped, li))
            {
                buffer[n] = '\n';
                map[n++] = breakAt;
            }
        }
        map[n] = source.Length;
        return new NormalizedText(source, new string(buffer, 0, n), map.AsSpan(0, n + 1).ToArray());
    }

    private bool IsBoilerplate(string line)
    {
        foreach (var re in _boilerplate) if (re.IsMatch(line)) return true;
        return false;
    }

    private static void Mark(Regex re, string text, int offset, bool[] removed)
    {
        for (var m = re.Match(text); m.Success; m = m.NextMatch())
            for (int i = 0; i < m.Length; i++) removed[offset + m.Index + i] = true;
    }

    /// <summary>The character-level mapping applied to every kept character (full-width → half-width, traditional → simplified).</summary>
    public char MapChar(char c)
    {
        if (c >= '\uFF01' && c <= '\uFF5E') return (char)(c - 0xFEE0);
        // Tabs stay: they separate table cells.
        if (c == '\u3000' || c == '\u00A0' || (c >= '\u2000' && c <= '\u200A') || c == '\u202F' || c == '\u205F') return ' ';
        return _t2s.Map(c);
    }

    /// <summary>
    /// A line break is soft (joined) when both lines have text, neither is a table row (tabs
    /// between cells, as the DOCX reader writes rows), the first does not end a sentence or
    /// read as a heading, and the next does not start a heading or list item.
    /// </summary>
    private static bool JoinsNext(string source, List<(int Start, int End)> lines, bool[] dropped, int li)
    {
        if (li + 1 >= lines.Count || dropped[li + 1]) return false;
        var cur = source.AsSpan(lines[li].Start, lines[li].End - lines[li].Start).Trim();
        var next = source.AsSpan(lines[li + 1].Start, lines[li + 1].End - lines[li + 1].Start).Trim();
        if (cur.IsEmpty || next.IsEmpty) return false;
        if (cur.Contains('\t') || next.Contains('\t')) return false;   // table rows (cells joined by tabs) are lines of their own
        if (StructureCues.EndsSentence(cur[^1])) return false;
        if (StructureCues.IsHeading(cur) || StructureCues.IsTitleLike(cur)) return false;
        if (StructureCues.StartsHeading(next) || StructureCues.IsTitleLike(next)) return false;
        return true;
    }
}
