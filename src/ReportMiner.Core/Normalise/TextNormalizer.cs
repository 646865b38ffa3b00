using System.Buffers;
using System.Text.RegularExpressions;
using ReportMiner.Language;

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
        // Working arrays come from the pool: only the text and its map are kept.
        var buffer = ArrayPool<char>.Shared.Rent(source.Length);
        var map = ArrayPool<int>.Shared.Rent(source.Length + 1);
        var removed = ArrayPool<bool>.Shared.Rent(source.Length);
        try
        {
            Array.Clear(removed, 0, source.Length);
            int n = Normalize(source, buffer, map, removed);
            return new NormalizedText(source, new string(buffer, 0, n), map.AsSpan(0, n + 1).ToArray());
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
            ArrayPool<int>.Shared.Return(map);
            ArrayPool<bool>.Shared.Return(removed);
        }
    }

    /// <summary>Writes the normalised text into <paramref name="buffer"/> and its source offsets into <paramref name="map"/>; returns its length.</summary>
    private int Normalize(string source, char[] buffer, int[] map, bool[] removed)
    {
        int n = 0;
        var lines = LineIndex.Of(source);

        // Pass 1: mark what goes (furniture lines, watermarks, glosses).
        var dropped = new bool[lines.Count];
        for (int li = 0; li < lines.Count; li++)
        {
            var (start, end) = lines[li];
            int length = end - start;
            var line = source.AsSpan(start, length).Trim();
            if (line.Length > 0 && IsBoilerplate(line)) { dropped[li] = true; continue; }
            if (length == 0) continue;
            var text = source.AsSpan(start, length);
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
        return n;
    }

    private bool IsBoilerplate(ReadOnlySpan<char> line)
    {
        foreach (var re in _boilerplate) if (re.IsMatch(line)) return true;
        return false;
    }

    /// <summary>Marks every match in <paramref name="line"/> (which starts at <paramref name="offset"/>) as removed.</summary>
    private static void Mark(Regex re, ReadOnlySpan<char> line, int offset, bool[] removed)
    {
        foreach (var m in re.EnumerateMatches(line))
            removed.AsSpan(offset + m.Index, m.Length).Fill(true);
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
    /// read as a heading, and the next does not start a heading or list item; a line holding one
    /// flattened table cell (a figure alone) stays a line of its own.
    /// </summary>
    private static bool JoinsNext(string source, List<(int Start, int End)> lines, bool[] dropped, int li)
    {
        if (li + 1 >= lines.Count || dropped[li + 1]) return false;
        var cur = source.AsSpan(lines[li].Start, lines[li].End - lines[li].Start).Trim();
        var next = source.AsSpan(lines[li + 1].Start, lines[li + 1].End - lines[li + 1].Start).Trim();
        if (cur.IsEmpty || next.IsEmpty) return false;
        if (cur.Contains('\t') || next.Contains('\t')) return false;   // table rows (cells joined by tabs) are lines of their own
        if (TableCells.IsBarRow(cur) || TableCells.IsBarRow(next)) return false;   // … or by bars
        bool unitNext = next[0] is '万' or '亿' or '元' or '%' or '家' or '件' or '项' or '个' or '人' or '名';
        // A table flattened one cell per line (but "0.6⏎亿元" is one figure broken over a line).
        if ((TableCells.IsValueCell(cur) && !unitNext) || (TableCells.IsValueCell(next) && !TableCells.AwaitsFigure(cur))) return false;
        if (TableCells.EndsWithUnitLabel(cur)) return false;          // a column label: "科技型中小企业(家)"
        if (Sentences.EndsLine(cur[^1])) return false;
        // A short numbered item whose figure is broken over the line ("1.…投入达到 1.2⏎亿元;") is not a heading.
        bool brokenFigure = char.IsAsciiDigit(cur[^1]) && unitNext;
        if ((Headings.IsHeading(cur) && !brokenFigure) || Headings.IsTitleLike(cur)) return false;
        if (Headings.StartsItem(next) || Headings.IsTitleLike(next)) return false;
        return true;
    }
}
