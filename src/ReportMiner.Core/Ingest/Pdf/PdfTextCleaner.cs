using System.Text;
using System.Text.RegularExpressions;
using ReportMiner.Language;

namespace ReportMiner.Ingest;

/// <summary>The cleaned text of a PDF, with one region per page stretch.</summary>
/// <param name="Text">Paragraphs one per line, '\n' breaks, a blank line where the layout had one.</param>
/// <param name="Regions">Contiguous regions covering <paramref name="Text"/>, each with its page.</param>
/// <param name="RemovedLines">Running headers, footers and page numbers that were dropped.</param>
public sealed record PdfCleanResult(string Text, IReadOnlyList<SourceRegion> Regions, IReadOnlyList<string> RemovedLines);

/// <summary>
/// Turns the raw lines of a PDF's pages into paragraph text:
/// <list type="number">
/// <item>maps Kangxi / CJK-supplement radicals to ordinary characters (<see cref="CjkRadicals"/>);</item>
/// <item>drops running headers and footers (lines near the top or bottom repeated on ≥ 60% of pages, digits masked) and page-number lines (第N页 共M页, -N-, N/M, Page N);</item>
/// <item>collapses letter-spaced lines (县 科 技 局 2 0 2 1 → 县科技局2021) and removes spaces between CJK ideographs;</item>
/// <item>turns lines with column gaps into table rows (cells joined by '\t', never joined with other lines), whose cells get regions with units (<see cref="TableAnnotator"/>);</item>
/// <item>re-joins wrapped lines into paragraphs, but keeps a break after sentence-final punctuation, before headings (一、 （一） 1、 第一章), before an indented line, after a line that stops short of the right margin, and where the vertical gap is a paragraph gap.</item>
/// </list>
/// Lines without geometry (plain strings) are measured by estimated width: 1 em per CJK or
/// full-width character, 0.6 em for others. Stateless and thread-safe.
/// </summary>
public static class PdfTextCleaner
{
    /// <summary>Share of pages a top/bottom line must repeat on to count as a running header/footer.</summary>
    public const double RepeatShare = 0.6;

    /// <summary>How many lines at each end of a page (in content order) may be header/footer.</summary>
    private const int EdgeLines = 3;

    private static readonly Regex PageNumber = new(
        @"^(?:第\d+页(?:[,，/]?共\d+页)?|共\d+页[,，]?第\d+页|[-－—–]\d+[-－—–]|\d+/\d+|(?i:page)\d+(?:(?i:of)\d+)?|\d{1,4})$",
        RegexOptions.CultureInvariant);


    private static readonly Regex NumericCell = new(@"^(?:[-+−]?[\d,，.]+[%％‰]?|[—–-]+|/)$", RegexOptions.CultureInvariant);

    /// <summary>Cleans pages given as plain lines (no geometry); for tests and text-only sources.</summary>
    public static PdfCleanResult Clean(params string[][] pages)
        => Clean(pages.Select((lines, i) => new PdfPageLines(i + 1, lines.Select(l => new PdfLine(l)).ToArray())).ToArray());

    /// <summary>Cleans the pages' lines into paragraph text with page regions (through <see cref="PdfPageWindow"/>, as the reader does).</summary>
    public static PdfCleanResult Clean(IReadOnlyList<PdfPageLines> pages)
    {
        var stream = new PdfPageWindow(pages.Count);
        foreach (var page in pages) stream.Add(page);
        return stream.Finish();
    }

    internal readonly record struct BodyLine(int Page, PdfLine Line);

    // ---- headers, footers, page numbers --------------------------------------------------

    /// <summary>
    /// A page's lines with what does not depend on the other pages worked out once: radicals mapped,
    /// blank lines dropped, which lines sit at an edge, their comparison keys, whether a line is a page
    /// number, and each line's cleaned text.
    /// </summary>
    internal sealed class PreparedPage
    {
        public int Number { get; }
        public List<PdfLine> Lines { get; }
        /// <summary>Per line: null when not at an edge, else its <see cref="Mask"/> key.</summary>
        public string?[] EdgeKeys { get; }
        /// <summary>Per line: an edge line that is a page number (dropped whatever the other pages hold).</summary>
        public bool[] PageNumberLine { get; }
        /// <summary>Per line: the cleaned text (<see cref="CleanRow"/> or <see cref="CleanLine"/>).</summary>
        public string[] Cleaned { get; }
        /// <summary>The distinct keys of the edge lines: what this page contributes to the repeat counts.</summary>
        public HashSet<string> DistinctKeys { get; } = new(StringComparer.Ordinal);

        public PreparedPage(PdfPageLines page)
        {
            Number = page.Number;
            Lines = page.Lines.Select(l => l with { Text = CjkRadicals.MapAll(l.Text) }).Where(l => !string.IsNullOrWhiteSpace(l.Text)).ToList();
            EdgeKeys = new string?[Lines.Count];
            PageNumberLine = new bool[Lines.Count];
            Cleaned = new string[Lines.Count];
            for (int i = 0; i < Lines.Count; i++)
            {
                var line = Lines[i];
                if (IsEdge(Lines, i, page.Height))
                {
                    var key = Mask(line.Text);
                    EdgeKeys[i] = key;
                    DistinctKeys.Add(key);
                    var compact = RemoveWhitespace(line.Text);
                    PageNumberLine[i] = PageNumber.IsMatch(compact) && (!IsBareNumber(compact) || IsOuterEdge(Lines, i, page.Height));
                }
                Cleaned[i] = line.ColumnStarts is { Count: > 0 } columns ? CleanRow(line.Text, columns) : CleanLine(line.Text);
            }
        }
    }

    /// <summary>
    /// The body lines of a run of pages: without the lines <paramref name="running"/> marks (running
    /// headers and footers, per page and line) and the page-number lines. For the pages from index
    /// <paramref name="from"/> to <paramref name="to"/> (exclusive), the dropped lines go to
    /// <paramref name="removed"/>, and their body lines are those from <paramref name="first"/> to
    /// <paramref name="last"/> (exclusive) of the list.
    /// </summary>
    internal static List<BodyLine> BodyLines(IReadOnlyList<PreparedPage> pages, IReadOnlyList<bool[]> running, int from, int to, List<string> removed, out int first, out int last)
    {
        first = last = 0;
        var lines = new List<BodyLine>();
        for (int p = 0; p < pages.Count; p++)
        {
            var page = pages[p];
            bool reportThis = p >= from && p < to;
            if (p == from) first = lines.Count;
            for (int i = 0; i < page.Lines.Count; i++)
            {
                bool drop = page.EdgeKeys[i] is not null && (running[p][i] || page.PageNumberLine[i]);
                if (drop)
                {
                    if (reportThis) removed.Add(page.Lines[i].Text);
                    continue;
                }
                if (page.Cleaned[i].Length > 0) lines.Add(new BodyLine(page.Number, page.Lines[i] with { Text = page.Cleaned[i] }));
            }
            if (p == to - 1) last = lines.Count;
        }
        if (lines.Count > 0 && lines.Any(l => !l.Line.HasGeometry))
            for (int i = 0; i < lines.Count; i++)
                lines[i] = lines[i] with { Line = new PdfLine(lines[i].Line.Text, 0, EstimateEm(lines[i].Line.Text), double.NaN, 1) };
        return lines;
    }

    /// <summary>Among the first or last lines in content order, or (with geometry) in the top/bottom 8% of the page.</summary>
    private static bool IsEdge(List<PdfLine> lines, int i, double height)
    {
        if (i < EdgeLines || i >= lines.Count - EdgeLines) return true;
        return InMargin(lines[i], height);
    }

    /// <summary>
    /// A bare number is a page number only as the very first/last line, or (with geometry) among
    /// the first/last lines and inside the outer 7% of the page, where body text and tables do not go.
    /// </summary>
    private static bool IsOuterEdge(List<PdfLine> lines, int i, double height)
    {
        var line = lines[i];
        if (double.IsNaN(height) || double.IsNaN(line.Baseline)) return i == 0 || i == lines.Count - 1;
        bool edgeInOrder = i < EdgeLines || i >= lines.Count - EdgeLines;
        return edgeInOrder && (line.Baseline < 0.07 * height || line.Baseline > 0.93 * height);
    }

    private static bool InMargin(PdfLine line, double height)
        => !double.IsNaN(height) && !double.IsNaN(line.Baseline) && (line.Baseline < 0.08 * height || line.Baseline > 0.92 * height);

    private static bool IsBareNumber(string compact) => compact.All(char.IsAsciiDigit);

    /// <summary>The comparison key of a line: no whitespace, every digit as '#'.</summary>
    internal static string Mask(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) continue;
            sb.Append(char.IsAsciiDigit(c) ? '#' : c);
        }
        return sb.ToString();
    }

    private static string RemoveWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    // ---- one line ------------------------------------------------------------------------

    /// <summary>Radicals mapped, odd spaces made plain, letter-spacing collapsed, spaces between ideographs removed, trimmed.</summary>
    internal static string CleanLine(string text)
    {
        text = CjkRadicals.MapAll(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD') continue;
            sb.Append(c is '\t' or '\r' or '\f' or '\v' or '\u00A0' or '\u3000' or '\u2002' or '\u2003' or '\u2009' ? ' ' : c);
        }
        text = CollapseLetterSpacing(sb.ToString().Trim());
        return RemoveSpacesBetweenIdeographs(text);
    }

    /// <summary>A line with column gaps (a table row): each cell cleaned on its own, cells joined by '\t' as the DOCX reader writes rows.</summary>
    internal static string CleanRow(string text, IReadOnlyList<int> columnStarts)
    {
        var cells = new List<string>(columnStarts.Count + 1);
        int start = 0;
        foreach (var next in columnStarts.Append(text.Length))
        {
            if (next < start || next > text.Length) continue;
            var cell = CleanLine(text[start..next]);
            start = next;
            if (cell.Length == 0) continue;
            // Within a table row, numbers separated by a space are neighbouring cells whose gap was narrow.
            var tokens = cell.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length > 1 && tokens.All(t => NumericCell.IsMatch(t))) cells.AddRange(tokens);
            else cells.Add(cell);
        }
        // Widely letter-spaced titles (县   科   技   局) are not tables.
        if (cells.Count >= 4 && cells.Count(c => c.Length == 1 && IsWide(c[0])) * 5 >= cells.Count * 4)
            return CleanLine(string.Join(' ', cells));
        return string.Join('\t', cells);
    }

    /// <summary>
    /// A line of single characters separated by spaces (a letter-spaced title) loses those spaces:
    /// at least 4 tokens, at least 80% of them one character long, and at least half of those CJK
    /// (so a row of single-digit table cells, <c>企业数 5 3 2 1</c>, keeps its spaces).
    /// </summary>
    internal static string CollapseLetterSpacing(string text)
    {
        if (text.Length < 7 || !text.Contains(' ')) return text;
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 4) return text;
        int single = tokens.Count(t => t.Length == 1);
        if (single < 0.8 * tokens.Length) return text;
        if (tokens.Count(t => t.Length == 1 && IsWide(t[0])) * 2 < single) return text;
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < tokens.Length; i++)
        {
            if (i > 0 && !(tokens[i - 1].Length == 1 && tokens[i].Length == 1)) sb.Append(' ');
            sb.Append(tokens[i]);
        }
        return sb.ToString();
    }

    internal static string RemoveSpacesBetweenIdeographs(string text)
    {
        if (!text.Contains(' ')) return text;
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ')
            {
                int j = i;
                while (j < text.Length && text[j] == ' ') j++;
                if (i > 0 && j < text.Length && IsIdeograph(text[i - 1]) && IsIdeograph(text[j])) { i = j - 1; continue; }
                sb.Append(text, i, j - i);
                i = j - 1;
                continue;
            }
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    internal static bool IsIdeograph(char c) => (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF');

    /// <summary>CJK ideographs, CJK punctuation and full-width forms: characters one em wide.</summary>
    internal static bool IsWide(char c)
        => IsIdeograph(c) || (c >= '\u3000' && c <= '\u30FF') || (c >= '\uFF01' && c <= '\uFF60') || (c >= '\u2E80' && c <= '\u2FDF')
           || c is '\u201C' or '\u201D' or '\u2018' or '\u2019' or '\u2026' or '\u2014';

    /// <summary>Estimated width in em: 1 per wide character, 0.6 otherwise.</summary>
    internal static double EstimateEm(string text)
    {
        double w = 0;
        foreach (var c in text) w += IsWide(c) ? 1 : 0.6;
        return w;
    }

    // ---- re-joining -----------------------------------------------------------------------

    /// <summary>
    /// The layout of a window's body lines, the break before each of them (<c>kinds[0]</c> is unused)
    /// and whether breaks between pages become blank lines (when most breaks within a page are).
    /// </summary>
    internal static (Layout Layout, Break[] Kinds, bool BlankHabit) Decisions(List<BodyLine> lines)
    {
        var layout = Layout.Measure(lines);
        // Decide each break first, so page-boundary breaks can follow the document's habit.
        var kinds = new Break[lines.Count];
        int sameAsBlank = 0, samePage = 0;
        for (int i = 1; i < lines.Count; i++)
        {
            kinds[i] = Decide(lines[i - 1], lines[i], layout);
            if (kinds[i] != Break.Join && lines[i - 1].Page == lines[i].Page)
            {
                samePage++;
                if (kinds[i] == Break.Blank) sameAsBlank++;
            }
        }
        return (layout, kinds, samePage > 0 && sameAsBlank * 2 > samePage);
    }

    /// <summary>Appends <paramref name="line"/> after <paramref name="previous"/> (null at the start) with the break <paramref name="kind"/>.</summary>
    internal static void Append(StringBuilder sb, List<Piece> pieces, BodyLine? previous, BodyLine line, Break kind, bool blankHabit)
    {
        if (previous is { } before)
        {
            if (kind == Break.Line && before.Page != line.Page && blankHabit) kind = Break.Blank;
            if (kind == Break.Join)
            {
                if (NeedsSpace(sb[^1], line.Line.Text[0])) sb.Append(' ');
            }
            else sb.Append(kind == Break.Blank ? "\n\n" : "\n");
        }
        pieces.Add(new Piece(sb.Length, line.Line.Text.Length, line.Page, line.Line.Text.Contains('\t')));
        sb.Append(line.Line.Text);
    }

    /// <summary>The finished text and its regions.</summary>
    internal static PdfCleanResult Result(StringBuilder sb, List<Piece> pieces, List<string> removed)
    {
        if (pieces.Count == 0) return new PdfCleanResult(string.Empty, [], removed);
        var text = sb.ToString();
        return new PdfCleanResult(text, BuildRegions(text, pieces), removed);
    }

    /// <summary>A line (or the part of a joined paragraph) as placed in the output; <c>Row</c> for a table row.</summary>
    internal readonly record struct Piece(int Start, int Length, int Page, bool Row);

    /// <summary>
    /// Page regions over running text (each reaching to the next region, so they cover it), and one
    /// region per table cell with its page, locator <c>t{n}/r{n}/c{n}</c>, column header and implied
    /// unit (<see cref="TableAnnotator"/>). A row with fewer cells than the first row is aligned to
    /// the right: its first cell is taken to span the missing columns (a merged 合计 label).
    /// </summary>
    private static List<SourceRegion> BuildRegions(string text, List<Piece> pieces)
    {
        var regions = new List<SourceRegion>();
        int tables = 0;
        for (int i = 0; i < pieces.Count;)
        {
            if (!pieces[i].Row)
            {
                int j = i;
                while (j + 1 < pieces.Count && !pieces[j + 1].Row && pieces[j + 1].Page == pieces[i].Page) j++;
                int end = j + 1 < pieces.Count ? pieces[j + 1].Start : text.Length;
                regions.Add(new SourceRegion(pieces[i].Start, end - pieces[i].Start, pieces[i].Page));
                i = j + 1;
                continue;
            }

            int last = i;
            while (last + 1 < pieces.Count && pieces[last + 1].Row) last++;
            tables++;
            int captionEnd = pieces[i].Start - 1;
            while (captionEnd > 0 && text[captionEnd - 1] == '\n') captionEnd--;
            int captionStart = captionEnd > 0 ? text.LastIndexOf('\n', captionEnd - 1) + 1 : 0;
            string? captionUnit = captionEnd > captionStart ? TableUnits.FromCaption(text[captionStart..captionEnd]) : null;

            var cellSpans = new List<List<(int Start, int Length)>>();
            for (int k = i; k <= last; k++)
            {
                var spans = new List<(int, int)>();
                int start = pieces[k].Start, stop = pieces[k].Start + pieces[k].Length;
                for (int p = start; p <= stop; p++)
                    if (p == stop || text[p] == '\t') { spans.Add((start, p - start)); start = p + 1; }
                cellSpans.Add(spans);
            }
            int width = cellSpans[0].Count;
            var rows = cellSpans.Select(spans =>
            {
                int shift = Math.Max(0, width - spans.Count);
                return new TableRowInfo(spans.Select((span, c) => new TableCellInfo(
                    text.Substring(span.Start, span.Length), c == 0 ? 0 : c + shift, c == 0 ? 1 + shift : 1)).ToArray());
            }).ToArray();
            var notes = TableAnnotator.Annotate(rows, captionUnit);
            for (int r = 0; r < rows.Length; r++)
                for (int c = 0; c < cellSpans[r].Count; c++)
                {
                    var (start, length) = cellSpans[r][c];
                    if (length == 0) continue;
                    var locator = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"t{tables}/r{r + 1}/c{c + 1}");
                    regions.Add(new SourceRegion(start, length, pieces[i + r].Page, locator, notes[r][c].ImpliedUnit, notes[r][c].ColumnHeader));
                }
            i = last + 1;
        }
        return regions;
    }

    internal enum Break { Join, Line, Blank }

    /// <summary>What the page layout tells about paragraphs: margins, line pitch, and whether paragraphs are marked by a blank gap or a first-line indent.</summary>
    internal sealed record Layout(double RightMargin, double LeftMargin, double Pitch, bool GapMarksParagraphs, bool IndentMarksParagraphs)
    {
        public static Layout Measure(List<BodyLine> lines)
        {
            double right = Percentile(lines.Select(l => l.Line.Right), 0.9);
            double left = Percentile(lines.Select(l => l.Line.Left), 0.1);
            var pitches = Pitches(lines).ToList();
            double pitch = Percentile(pitches, 0.5);
            int bigGaps = pitches.Count(p => p > ParagraphGap * pitch);
            int indented = lines.Count(l => l.Line.HasGeometry && l.Line.Left > left + 1.5 * l.Line.FontSize && l.Line.Left < left + 4.5 * l.Line.FontSize);
            return new Layout(right, left, pitch,
                GapMarksParagraphs: pitches.Count > 0 && bigGaps >= Math.Max(2, 0.05 * pitches.Count),
                IndentMarksParagraphs: indented >= Math.Max(2, 0.05 * lines.Count));
        }
    }

    /// <summary>A vertical gap above this many line pitches separates paragraphs.</summary>
    private const double ParagraphGap = 1.3;

    internal static Break Decide(BodyLine previous, BodyLine next, Layout layout)
    {
        var a = previous.Line;
        var b = next.Line;
        double em = a.FontSize > 0 ? a.FontSize : 1;
        double pitch = layout.Pitch;
        bool samePage = previous.Page == next.Page;
        double gap = samePage && !double.IsNaN(a.Baseline) && !double.IsNaN(b.Baseline) ? a.Baseline - b.Baseline : double.NaN;
        bool hasGap = !double.IsNaN(gap) && pitch > 0;
        bool sameSize = Math.Abs(a.FontSize - b.FontSize) < 0.5;
        if (hasGap && sameSize && gap > 1.6 * pitch) return Break.Blank;

        if (Headings.StartsPdfItem(b.Text)) return Break.Line;
        if (a.Text.Contains('\t') || b.Text.Contains('\t')) return Break.Line;   // table rows stay lines
        if (hasGap && (gap > ParagraphGap * pitch || gap < 0)) return Break.Line;
        if (!sameSize) return Break.Line;
        bool indented = b.Left > a.Left + em;
        if (indented) return Break.Line;   // the next line is indented: a new paragraph
        if (Sentences.EndsPdfLine(a.Text))
        {
            // Sentence-final punctuation ends the paragraph, unless the layout marks paragraphs
            // itself (blank gaps, first-line indents) and says this one goes on.
            bool layoutSaysContinue = (layout.GapMarksParagraphs && hasGap) || (layout.IndentMarksParagraphs && b.HasGeometry);
            if (!layoutSaysContinue) return Break.Line;
        }

        // Full line: it stops within reach of the margin, i.e. the next line's first unbreakable chunk would not have fitted.
        double shortfall = (layout.RightMargin - a.Right) / em;
        double tolerance = Math.Max(2.0, LeadingChunkEm(b.Text) + 0.5);
        if (shortfall <= tolerance || HasOpenBracket(a.Text)) return Break.Join;
        return Break.Line;
    }

    private static IEnumerable<double> Pitches(List<BodyLine> lines)
    {
        for (int i = 1; i < lines.Count; i++)
        {
            var (a, b) = (lines[i - 1], lines[i]);
            if (a.Page != b.Page || double.IsNaN(a.Line.Baseline) || double.IsNaN(b.Line.Baseline)) continue;
            if (Math.Abs(a.Line.FontSize - b.Line.FontSize) >= 0.5) continue;
            double d = a.Line.Baseline - b.Line.Baseline;
            if (d > 0) yield return d;
        }
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * (sorted.Length - 1) + 0.5))];
    }

    /// <summary>More opening than closing brackets or quotes: the sentence must go on.</summary>
    private static bool HasOpenBracket(string text)
    {
        int depth = 0;
        foreach (var c in text)
        {
            if ("（(《〔【「『“".Contains(c)) depth++;
            else if ("）)》〕】」』”".Contains(c) && depth > 0) depth--;
        }
        return depth > 0;
    }

    /// <summary>Width in em of what cannot be separated from the start of a line: opening marks, a run of non-CJK characters or one ideograph, then closing marks.</summary>
    internal static double LeadingChunkEm(string text)
    {
        int i = 0;
        while (i < text.Length && "（(《〔【「『“‘".Contains(text[i])) i++;
        if (i < text.Length && IsIdeograph(text[i])) i++;
        else while (i < text.Length && !IsIdeograph(text[i]) && text[i] != ' ') i++;
        while (i < text.Length && ("，。、；：！？,.;:!?" + Sentences.Closers).Contains(text[i])) i++;
        return EstimateEm(text[..i]);
    }

    /// <summary>A wrapped English word gap needs its space back; CJK text joins directly.</summary>
    private static bool NeedsSpace(char before, char after)
        => char.IsAsciiLetterOrDigit(before) && char.IsAsciiLetterOrDigit(after) || (before is ',' or ';' && char.IsAsciiLetter(after));
}
