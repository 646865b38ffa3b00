namespace ReportMiner.Segment;

/// <summary>
/// Splits text into words. The pipeline uses word boundaries so that a short trigger
/// (高企) never matches inside another word (提高企业).
/// </summary>
public interface ITokenizer
{
    /// <summary>Appends the tokens of <paramref name="text"/> as (start, length) pairs relative to it.</summary>
    void Tokenize(ReadOnlySpan<char> text, List<(int Start, int Length)> tokens);
}
