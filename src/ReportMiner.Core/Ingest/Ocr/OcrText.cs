using System.Text;

namespace ReportMiner.Ingest;

/// <summary>OCRed pages as document text: the text, a confidence per character and a region per page.</summary>
public sealed record OcrDocumentText(string Text, byte[] Confidence, IReadOnlyList<SourceRegion> Regions);

/// <summary>
/// Turns Tesseract's words into document text as the other readers write it: one line per OCR
/// line, a blank line between Tesseract's blocks (paragraph gaps), pages one after another (a line break
/// between them, so the normaliser may join a sentence that runs on over the page break).
/// Words are joined without a space (Tesseract splits Chinese text into words, the text has no
/// spaces there), except between two words that end and start with a Latin letter or digit.
/// Every character carries its word's confidence; line breaks carry none.
/// </summary>
public static class OcrText
{
    /// <summary>Locator of the regions of OCRed text.</summary>
    public const string Locator = "ocr";

    public static OcrDocumentText Build(IEnumerable<OcrPage> pages)
    {
        var text = new StringBuilder();
        var conf = new List<byte>();
        var regions = new List<SourceRegion>();
        foreach (var page in pages)
        {
            if (page.Lines.Count == 0) continue;
            if (text.Length > 0) Append(text, conf, "\n", OcrConfidenceMap.None);   // a sentence may run on over a page break
            int start = text.Length;
            int block = page.Lines[0].Block;
            for (int li = 0; li < page.Lines.Count; li++)
            {
                var line = page.Lines[li];
                if (li > 0) Append(text, conf, line.Block != block ? "\n\n" : "\n", OcrConfidenceMap.None);
                block = line.Block;
                for (int wi = 0; wi < line.Words.Count; wi++)
                {
                    var word = line.Words[wi];
                    if (wi > 0 && IsLatinOrDigit(line.Words[wi - 1].Text[^1]) && IsLatinOrDigit(word.Text[0]))
                        Append(text, conf, " ", OcrConfidenceMap.None);
                    Append(text, conf, word.Text, (byte)Math.Round(word.Confidence));
                }
            }
            regions.Add(new SourceRegion(start, text.Length - start, page.Number, Locator));
        }
        return new OcrDocumentText(text.ToString(), conf.ToArray(), regions);
    }

    private static bool IsLatinOrDigit(char c) => char.IsAsciiLetterOrDigit(c);

    private static void Append(StringBuilder text, List<byte> conf, string s, byte confidence)
    {
        text.Append(s);
        for (int i = 0; i < s.Length; i++) conf.Add(confidence);
    }
}
