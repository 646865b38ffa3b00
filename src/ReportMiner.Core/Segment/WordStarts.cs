namespace ReportMiner.Segment;

/// <summary>
/// Where words start in a text, for the trigger matcher's test that a short trigger (高企) is
/// a word of its own. Only a few positions are ever asked about, so with a tokenizer that cuts
/// in independent runs only the runs holding those positions are tokenized (the answers are
/// the same as tokenizing the whole text; a test checks it); otherwise the whole text is.
/// </summary>
public sealed class WordStarts
{
    private readonly string _text;
    private readonly ITokenizer _tokenizer;
    // Per position: 0 not known yet, 1 a word starts here, 2 inside a word.
    private readonly byte[] _state;
    private readonly List<(int Start, int Length)> _tokens = [];

    private WordStarts(string text, ITokenizer tokenizer)
    {
        _text = text;
        _tokenizer = tokenizer;
        _state = new byte[text.Length];
        if (!tokenizer.CutsInRuns) Mark(0, text.Length);
    }

    /// <summary>The word-start test for <paramref name="text"/>.</summary>
    public static Func<int, bool> For(string text, ITokenizer tokenizer) => new WordStarts(text, tokenizer).IsWordStart;

    /// <summary>True at 0, at the end, and where a token of the text begins.</summary>
    public bool IsWordStart(int i)
    {
        if (i <= 0 || i >= _text.Length) return true;
        if (_state[i] == 0)
        {
            if (_tokenizer.IsRunCharacter(_text[i]) && _tokenizer.IsRunCharacter(_text[i - 1]))
            {
                int start = i, end = i + 1;
                while (start > 0 && _tokenizer.IsRunCharacter(_text[start - 1])) start--;
                while (end < _text.Length && _tokenizer.IsRunCharacter(_text[end])) end++;
                Mark(start, end);
            }
            else
            {
                // Outside a run every character is a token, except the second half of a \r\n or a surrogate pair.
                _state[i] = _tokenizer.IsRunCharacter(_text[i]) || !(_text[i] == '\n' && _text[i - 1] == '\r' || char.IsLowSurrogate(_text[i]) && char.IsHighSurrogate(_text[i - 1])) ? (byte)1 : (byte)2;
            }
        }
        return _state[i] == 1;
    }

    /// <summary>Tokenizes <c>text[start..end)</c> and records its word starts.</summary>
    private void Mark(int start, int end)
    {
        _tokens.Clear();
        _tokenizer.Tokenize(_text.AsSpan(start, end - start), _tokens);
        _state.AsSpan(start, end - start).Fill(2);
        foreach (var (s, _) in _tokens) _state[start + s] = 1;
    }
}
