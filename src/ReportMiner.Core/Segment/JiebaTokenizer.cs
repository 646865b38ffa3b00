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

    /// <summary>Loads the model folder and user dictionaries named in <c>pipeline.yaml</c> (<c>segmenter</c>).</summary>
    public static JiebaTokenizer Load(Config.PipelineConfig config)
    {
        var builder = JiebaSegmenterBuilder.FromModel(config.Resolve(config.Segmenter.Model));
        foreach (var dict in config.Segmenter.UserDictionaries) builder.LoadUserDictionary(config.Resolve(dict));
        return new JiebaTokenizer(builder.Build(), config.Segmenter.Hmm);
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
