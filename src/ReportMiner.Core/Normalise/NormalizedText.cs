namespace ReportMiner.Normalise;

/// <summary>
/// Normalised text with a map back to the source: <c>SourceIndex[i]</c> is the offset in the
/// source text of character <c>i</c>; <c>SourceIndex[Text.Length]</c> is the source length.
/// Every span of <see cref="Text"/> can be traced back to the raw text it came from.
/// </summary>
public sealed class NormalizedText
{
    public NormalizedText(string source, string text, int[] sourceIndex)
    {
        if (sourceIndex.Length != text.Length + 1) throw new ArgumentException("map must have one entry per character plus one", nameof(sourceIndex));
        Source = source;
        Text = text;
        SourceIndex = sourceIndex;
    }

    /// <summary>The text before normalisation.</summary>
    public string Source { get; }

    /// <summary>The normalised text.</summary>
    public string Text { get; }

    /// <summary>Source offset of each normalised character, plus the source length at the end.</summary>
    public int[] SourceIndex { get; }

    /// <summary>Maps <c>[start, end)</c> of the normalised text to the source span it came from.</summary>
    public (int Start, int End) ToSource(int start, int end)
        => end <= start ? (SourceIndex[start], SourceIndex[start]) : (SourceIndex[start], SourceIndex[end - 1] + 1);

    /// <summary>The source text behind <c>[start, end)</c> of the normalised text, as written.</summary>
    public string SourceSlice(int start, int end)
    {
        var (s, e) = ToSource(start, end);
        return Source[s..e];
    }
}
