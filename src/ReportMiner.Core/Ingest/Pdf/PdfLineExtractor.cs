using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Util;

namespace ReportMiner.Ingest;

/// <summary>One visual line of a PDF page: its text and, when known, where it sits (PDF units, y up).</summary>
/// <param name="Text">The line's characters, with a space where the gap between glyphs is a word gap.</param>
/// <param name="Left">x of the line's first glyph, or NaN when unknown.</param>
/// <param name="Right">x where the line's last glyph ends, or NaN.</param>
/// <param name="Baseline">y of the baseline, or NaN.</param>
/// <param name="FontSize">Font size in points (one em), or NaN.</param>
/// <param name="ColumnStarts">Offsets in <paramref name="Text"/> where a glyph follows a gap wider than
/// <see cref="PdfLineExtractor.ColumnGapEm"/>: table cells or other separate columns on one baseline.</param>
public readonly record struct PdfLine(string Text, double Left = double.NaN, double Right = double.NaN, double Baseline = double.NaN, double FontSize = double.NaN, IReadOnlyList<int>? ColumnStarts = null)
{
    /// <summary>True when the line carries its geometry.</summary>
    public bool HasGeometry => !double.IsNaN(Left) && !double.IsNaN(Right) && !double.IsNaN(FontSize);
}

/// <summary>The lines of one PDF page in content order.</summary>
/// <param name="Number">1-based page number.</param>
/// <param name="Lines">Lines in content order.</param>
/// <param name="Height">Page height in PDF units, or NaN.</param>
public sealed record PdfPageLines(int Number, IReadOnlyList<PdfLine> Lines, double Height = double.NaN);

/// <summary>
/// Splits a page's letters into lines exactly as PdfPig's <c>ContentOrderTextExtractor.GetText</c>
/// does (same newline and word-gap rules, so the joined text is identical — a test checks it),
/// but keeps each line's geometry, which the cleaner needs to tell wrapped lines from line ends.
/// </summary>
public static class PdfLineExtractor
{
    /// <summary>A horizontal gap between glyphs wider than this many em separates columns (table cells), not words.</summary>
    public const double ColumnGapEm = 1.0;

    /// <summary>The page's lines in content order.</summary>
    public static IReadOnlyList<PdfLine> Extract(Page page)
    {
        var letters = page.Letters;
        var lines = new List<PdfLine>();
        var sb = new StringBuilder();
        var geometry = new LineGeometry();
        Letter? last = null;          // 'letter' in PdfPig: the last letter appended
        Letter? lastNonBlank = null;  // GetNonWhitespacePrevious
        bool afterBreak = false;      // 'flag' in PdfPig: a space or newline was just emitted

        for (int i = 0; i < letters.Count; i++)
        {
            var letter = letters[i];
            var value = letter.Value;
            if (string.IsNullOrEmpty(value)) continue;
            if (value == " " && !afterBreak)
            {
                if (last is null || !IsNewline(last, letter))
                {
                    sb.Append(' ');
                    last = letter;
                    afterBreak = true;
                }
                continue;
            }
            afterBreak = false;
            if (last is not null && value != " ")
            {
                if (lastNonBlank is not null && IsNewline(lastNonBlank, letter))
                {
                    if (last.Value == " ") sb.Length--;
                    lines.Add(geometry.ToLine(sb.ToString()));
                    sb.Clear();
                    geometry = new LineGeometry();
                    afterBreak = true;
                }
                else if (last.Value != " ")
                {
                    double gap = letter.StartBaseLine.X - last.EndBaseLine.X;
                    if (WhitespaceSizeStatistics.IsProbablyWhitespace(gap, last))
                    {
                        sb.Append(' ');
                        afterBreak = true;
                    }
                }
            }
            if (!string.IsNullOrWhiteSpace(value))
            {
                if (!geometry.IsEmpty && lastNonBlank is not null)
                {
                    double gap = letter.StartBaseLine.X - lastNonBlank.EndBaseLine.X;
                    double em = Math.Max(lastNonBlank.PointSize, letter.PointSize);
                    if (em > 0 && gap > ColumnGapEm * em) geometry.AddColumnStart(sb.Length);
                }
                lastNonBlank = letter;
                geometry.Add(letter);
            }
            sb.Append(value);
            last = letter;
        }
        if (sb.Length > 0 || lines.Count > 0) lines.Add(geometry.ToLine(sb.ToString()));
        return lines;
    }

    /// <summary>PdfPig's rule: a baseline jump of more than 0.9 × the smaller rounded point size.</summary>
    private static bool IsNewline(Letter previous, Letter letter)
    {
        int a = (int)Math.Round(previous.PointSize), b = (int)Math.Round(letter.PointSize);
        return Math.Abs(previous.StartBaseLine.Y - letter.StartBaseLine.Y) > Math.Min(a, b) * 0.9;
    }

    private sealed class LineGeometry
    {
        private double _left = double.PositiveInfinity, _right = double.NegativeInfinity, _baseline = double.NaN;
        private readonly List<double> _sizes = [];
        private List<int>? _columns;

        public bool IsEmpty => _sizes.Count == 0 && double.IsInfinity(_left);

        public void AddColumnStart(int offset) => (_columns ??= []).Add(offset);

        public void Add(Letter letter)
        {
            _left = Math.Min(_left, Math.Min(letter.StartBaseLine.X, letter.EndBaseLine.X));
            _right = Math.Max(_right, Math.Max(letter.StartBaseLine.X, letter.EndBaseLine.X));
            if (double.IsNaN(_baseline)) _baseline = letter.StartBaseLine.Y;
            if (letter.PointSize > 0) _sizes.Add(letter.PointSize);
        }

        public PdfLine ToLine(string text)
        {
            if (_sizes.Count == 0 || double.IsInfinity(_left)) return new PdfLine(text);
            _sizes.Sort();
            return new PdfLine(text, _left, _right, _baseline, _sizes[_sizes.Count / 2], _columns);
        }
    }
}
