namespace ReportMiner.Segment;

/// <summary>
/// Splits text into words. The pipeline uses word boundaries so that a short trigger
/// (高企) never matches inside another word (提高企业).
/// </summary>
public interface ITokenizer
{
    /// <summary>Appends the tokens of <paramref name="text"/> as (start, length) pairs relative to it.</summary>
    void Tokenize(ReadOnlySpan<char> text, List<(int Start, int Length)> tokens);

    /// <summary>
    /// Whether the tokenizer cuts text in independent runs of <see cref="IsRunCharacter"/>
    /// characters (a run alone gives the same tokens as inside a longer text) and makes every
    /// other character a token of its own. Callers may then tokenize only the runs they need.
    /// </summary>
    bool CutsInRuns => false;

    /// <summary>A character of the runs (see <see cref="CutsInRuns"/>).</summary>
    bool IsRunCharacter(char c) => false;
}
