using ReportMiner.Segmentation;

namespace ReportMiner.Segment;

/// <summary>The pipeline's tokenizer: jieba's accurate mode over the shipped model and user dictionaries.</summary>
public sealed class JiebaTokenizer : ITokenizer
{
    private readonly JiebaSegmenter _segmenter;
    private readonly SegmentMode _mode;

    public JiebaTokenizer(JiebaSegmenter segmenter, bool hmm = true)
    {
        _segmenter = segmenter;
        _mode = hmm ? SegmentMode.Accurate : SegmentMode.AccurateNoHmm;
    }

    /// <summary>Loads the model folder and user dictionaries the options name (<c>segmenter</c> in <c>pipeline.yaml</c>).</summary>
    public static JiebaTokenizer Load(SegmenterOptions options)
    {
        var builder = JiebaSegmenterBuilder.FromModel(options.ModelDirectory);
        foreach (var dict in options.UserDictionaries) builder.LoadUserDictionary(dict);
        return new JiebaTokenizer(builder.Build(), options.Hmm);
    }

    public JiebaSegmenter Segmenter => _segmenter;

    /// <summary>jieba's accurate cut works block by block (<see cref="JiebaSegmenter.IsBlockCharacter"/>).</summary>
    public bool CutsInRuns => true;

    public bool IsRunCharacter(char c) => JiebaSegmenter.IsBlockCharacter(c);

    public void Tokenize(ReadOnlySpan<char> text, List<(int Start, int Length)> tokens)
    {
        // One buffer per thread: the classifier tokenizes a few short windows per figure.
        var buffer = t_buffer ??= new List<Token>(256);
        buffer.Clear();
        _segmenter.Cut(text, buffer, _mode);
        foreach (var t in buffer) tokens.Add((t.Start, t.Length));
        if (buffer.Capacity > 1 << 16) t_buffer = null;   // do not keep a huge one
    }

    [ThreadStatic] private static List<Token>? t_buffer;
}
