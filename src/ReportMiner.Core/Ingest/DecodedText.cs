namespace ReportMiner.Ingest;

/// <summary>
/// A txt file's characters exactly as they were decoded (byte-order mark removed, line breaks
/// as the file has them), and the map from the reader's text (<see cref="SourceDocument.Text"/>,
/// where CRLF and lone CR became LF) back to them. The reader's one edit, CRLF → LF, is
/// recorded where it happens (the offset just after each such LF); an offset is mapped by
/// counting the edits before it (a binary search). Offsets into <see cref="Text"/> are UTF-16
/// units; <see cref="CodePoint"/> turns them into code points (as Python, Rust or a JSON
/// reader in another language index a string), counting the surrogate pairs before them the
/// same way. Immutable.
/// </summary>
public sealed class DecodedText
{
    private readonly int[] _crlfEnds;       // reader-text offsets just after an LF that was CRLF, ascending
    private readonly int[] _pairEnds;       // decoded offsets just after a surrogate pair, ascending

    /// <param name="text">The decoded characters.</param>
    /// <param name="crlfEnds">Offsets in the reader's text just after each LF that stands for a CRLF, ascending.</param>
    public DecodedText(string text, int[] crlfEnds)
    {
        Text = text;
        _crlfEnds = crlfEnds;
        _pairEnds = PairEnds(text);
    }

    /// <summary>The decoded characters, as the file holds them.</summary>
    public string Text { get; }

    /// <summary>The offset in <see cref="Text"/> (UTF-16) of offset <paramref name="readerOffset"/> of the reader's text.</summary>
    public int ToDecoded(int readerOffset) => readerOffset + CountAtOrBelow(_crlfEnds, readerOffset);

    /// <summary>The code-point offset of UTF-16 offset <paramref name="decodedOffset"/> of <see cref="Text"/>.</summary>
    public int CodePoint(int decodedOffset) => decodedOffset - CountAtOrBelow(_pairEnds, decodedOffset);

    /// <summary>How many entries of the ascending <paramref name="ends"/> are ≤ <paramref name="x"/>.</summary>
    private static int CountAtOrBelow(int[] ends, int x)
    {
        if (ends.Length == 0 || x < ends[0]) return 0;
        int i = Array.BinarySearch(ends, x);
        return i >= 0 ? i + 1 : ~i;
    }

    private static int[] PairEnds(string text)
    {
        var span = text.AsSpan();
        int first = span.IndexOfAnyInRange('\uDC00', '\uDFFF');
        if (first < 0) return [];
        var ends = new List<int>();
        for (int i = first; i < span.Length; i++)
            if (char.IsLowSurrogate(span[i]) && i > 0 && char.IsHighSurrogate(span[i - 1])) ends.Add(i + 1);
        return [.. ends];
    }
}
