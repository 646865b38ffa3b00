namespace ReportMiner.Ingest;

/// <summary>
/// How sure OCR was of each character of a <see cref="SourceDocument"/>'s text: one byte per
/// UTF-16 unit of the text, the confidence (0–100) of the Tesseract word the character belongs
/// to, or <see cref="None"/> where the character did not come from OCR (a text-layer page, a line
/// break the reader wrote). Offsets are those of <see cref="SourceDocument.Text"/>; normalisation
/// keeps a map from its text back to these offsets (<c>NormalizedText.SourceIndex</c>), so the
/// extractor finds a figure's confidence through that map.
/// </summary>
public sealed class OcrConfidenceMap
{
    /// <summary>Not from OCR.</summary>
    public const byte None = 255;

    private readonly byte[] _values;

    public OcrConfidenceMap(byte[] values) => _values = values;

    /// <summary>Number of characters covered (the text's length).</summary>
    public int Length => _values.Length;

    /// <summary>The confidence (0–100) of the character at <paramref name="offset"/>, or null when it is not from OCR.</summary>
    public int? At(int offset) => offset >= 0 && offset < _values.Length && _values[offset] != None ? _values[offset] : null;

    /// <summary>The values, for serialisation and tests.</summary>
    public ReadOnlySpan<byte> Values => _values;
}
