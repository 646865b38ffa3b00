using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReportMiner.Segment;

namespace ReportMiner.Core.Tests.Segment;

/// <summary>Word starts found run by run, on demand, equal those of tokenizing the whole text.</summary>
public class WordStartsTests
{
    private static readonly Lazy<JiebaTokenizer> Jieba = new(() => JiebaTokenizer.Load(SharedPipeline.Config.SegmenterOptions()));

    /// <summary>The reference: every token start of the whole text.</summary>
    private static bool[] Whole(string text)
    {
        var starts = new bool[text.Length + 1];
        starts[0] = starts[text.Length] = true;
        var tokens = new List<(int Start, int Length)>();
        Jieba.Value.Tokenize(text, tokens);
        foreach (var (s, _) in tokens) starts[s] = true;
        return starts;
    }

    private static readonly string[] Pieces =
    [
        "高新技术企业", "提高企业", "高企", "研发", "投入", "全县", "科技特派员", "新增", "R&D", "GDP", "3.5", "%", "亿元", "2023年",
        "，", "。", " ", "\r\n", "\r", "\n", "\t", "（", "）", "a", "Z9", "+", "#", "_", "-", "\uD840\uDC00", "\uD840", "\uDC00", "…", "、",
    ];

    private static readonly Arbitrary<string> Texts =
        Gen.Elements(Pieces).ListOf().Select(p => string.Concat(p)).ToArbitrary();

    [Property(MaxTest = 400)]
    public Property Asking_position_by_position_gives_the_whole_texts_word_starts()
        => Prop.ForAll(Texts, Gen.Shuffle(Enumerable.Range(0, 64).ToArray()).ToArbitrary(), (text, order) =>
        {
            var expected = Whole(text);
            var lazy = WordStarts.For(text, Jieba.Value);
            // Ask in a shuffled order, so runs are first cut from their middle as often as from their start.
            foreach (var i in order.Where(i => i <= text.Length).Concat(Enumerable.Range(0, text.Length + 1)))
                if (lazy(i) != expected[i]) return false.Label($"'{text}' at {i}: expected {expected[i]}");
            return true.ToProperty();
        });

    [Fact]
    public void A_short_trigger_inside_a_longer_word_is_not_a_word()
    {
        const string text = "全县提高企业研发投入，新增高企12家。";
        var starts = WordStarts.For(text, Jieba.Value);
        int inside = text.IndexOf("高企", StringComparison.Ordinal);
        int alone = text.LastIndexOf("高企", StringComparison.Ordinal);
        Assert.False(starts(inside));
        Assert.True(starts(alone) && starts(alone + 2));
    }
}
