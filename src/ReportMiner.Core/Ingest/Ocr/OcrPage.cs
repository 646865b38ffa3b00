using System.Globalization;

namespace ReportMiner.Ingest;

/// <summary>A word as Tesseract read it: its text, confidence (0–100) and box in pixels.</summary>
public sealed record OcrWord(string Text, double Confidence, int Left, int Top, int Width, int Height);

/// <summary>A line of words; <paramref name="Block"/> and <paramref name="Paragraph"/> are Tesseract's layout numbers.</summary>
public sealed record OcrLine(int Block, int Paragraph, IReadOnlyList<OcrWord> Words);

/// <summary>One OCRed page: its 1-based number in the source file and its lines in reading order.</summary>
public sealed record OcrPage(int Number, IReadOnlyList<OcrLine> Lines);

/// <summary>
/// Reads Tesseract's TSV output (<c>tesseract IMAGE stdout tsv</c>): one row per layout element,
/// <c>level page_num block_num par_num line_num word_num left top width height conf text</c>;
/// words are level 5. Pages of a multi-page image come with their own <c>page_num</c>.
/// </summary>
public static class TesseractTsv
{
    /// <summary>The pages in the TSV, numbered <paramref name="firstPage"/> onwards in the order Tesseract gives them.</summary>
    public static List<OcrPage> Parse(string tsv, int firstPage = 1)
    {
        var pages = new List<OcrPage>();
        var lines = new List<OcrLine>();
        var words = new List<OcrWord>();
        (int Page, int Block, int Par, int Line) current = (-1, -1, -1, -1);
        int page = -1;

        void EndLine()
        {
            if (words.Count > 0) lines.Add(new OcrLine(current.Block, current.Par, words.ToArray()));
            words.Clear();
        }
        void EndPage()
        {
            EndLine();
            if (page >= 0) pages.Add(new OcrPage(firstPage + pages.Count, lines.ToArray()));
            lines.Clear();
        }

        foreach (var row in tsv.Split('\n'))
        {
            var f = row.TrimEnd('\r').Split('\t');
            if (f.Length < 12 || !int.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int level)) continue;   // header or blank
            int Int(int i) => int.Parse(f[i], NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (level == 1)
            {
                EndPage();
                page = Int(1);
                continue;
            }
            if (level != 5) continue;
            var text = f[11].Trim();
            if (text.Length == 0) continue;
            var key = (Int(1), Int(2), Int(3), Int(4));
            if (key != current) { EndLine(); current = key; }
            var conf = double.Parse(f[10], NumberStyles.Float, CultureInfo.InvariantCulture);
            words.Add(new OcrWord(text, Math.Clamp(conf, 0, 100), Int(6), Int(7), Int(8), Int(9)));
        }
        EndPage();
        return pages;
    }
}
