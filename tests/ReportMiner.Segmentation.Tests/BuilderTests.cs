using System.Collections.Concurrent;
using System.Text;

namespace ReportMiner.Segmentation.Tests;

public class BuilderTests
{
    [Fact]
    public void Default_model_has_jiebas_figures()
    {
        var seg = TestData.Default;
        Assert.Equal(60_101_967, seg.TotalFrequency);       // sum over all 349,046 lines, "B超" counted twice
        Assert.Equal(349_045, seg.WordCount);              // distinct words
        Assert.True(seg.TryGetWord("B超", out var f, out var tag));
        Assert.Equal(3, f);
        Assert.Equal("n", tag);
        Assert.True(seg.TryGetWord("高新技", out f, out _)); // a prefix only: in FREQ with 0
        Assert.Equal(0, f);
        Assert.False(seg.ContainsWord("高新技"));
        Assert.True(seg.ContainsWord("高新技术"));
        Assert.False(seg.ContainsWord(""));
    }

    [Fact]
    public void Built_segmenter_does_not_change_when_the_builder_does()
    {
        var builder = JiebaSegmenterBuilder.FromModel(TestData.ModelDirectory);
        var before = builder.Build();
        const string text = "科技特派员张三丰来到刘家坳村";
        var cutBefore = before.Cut(text);
        builder.AddWord("刘家坳村", 100).AddWord("三丰来", 1000).AddWord("科技", 0);
        var after = builder.Build();
        Assert.Equal(cutBefore, before.Cut(text));
        Assert.False(before.ContainsWord("刘家坳村"));
        Assert.True(after.ContainsWord("刘家坳村"));
        Assert.NotEqual(cutBefore, after.Cut(text));
        Assert.Equal(before.TotalFrequency + 1100, after.TotalFrequency);
        // and a third build sees later words while the second stays as it was
        builder.AddWord("张三", 5);
        Assert.False(after.ContainsWord("张三") && !builder.Build().ContainsWord("张三"));
        Assert.True(builder.Build().ContainsWord("张三"));
    }

    [Fact]
    public void Concurrent_cuts_give_the_same_tokens_as_a_single_thread()
    {
        var seg = TestData.Default;
        var lines = TestData.ReadLines(TestData.PathOf("corpus/003_356c60abb3feb7ae.txt")).Where(l => l.Length > 0).ToList();
        var modes = new[] { SegmentMode.Accurate, SegmentMode.AccurateNoHmm, SegmentMode.Search };
        var expected = modes.ToDictionary(m => m, m => lines.Select(l => TestData.CutStrings(seg, l, m)).ToList());
        var failures = new ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            var mode = modes[worker % modes.Length];
            for (var i = lines.Count - 1; i >= 0; i--)
                if (!expected[mode][i].SequenceEqual(TestData.CutStrings(seg, lines[i], mode))) failures.Add($"{mode} line {i}");
        });
        Assert.Empty(failures);
    }

    [Fact]
    public void Span_api_appends_offsets_into_the_text()
    {
        var seg = TestData.Default;
        var output = new List<Token> { new(99, 1) };
        const string full = "xx科技局2024年研发投入1.56亿元";
        seg.Cut(full.AsSpan(2), output, SegmentMode.Accurate);
        Assert.Equal(new Token(99, 1), output[0]);
        var words = output.Skip(1).Select(t => full.Substring(2 + t.Start, t.Length)).ToList();
        Assert.Equal(["科技局", "2024", "年", "研发", "投入", "1.56", "亿元"], words);
        Assert.Equal(words, seg.Cut(full[2..]));
    }

    [Fact]
    public void Missing_model_and_user_dictionary_are_clear_errors()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rm-no-model-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.Throws<FileNotFoundException>(() => JiebaSegmenterBuilder.FromModel(dir));
        Assert.Contains("dict.bin", ex.Message);
        var b = JiebaSegmenterBuilder.FromModel(TestData.ModelDirectory);
        var ex2 = Assert.Throws<FileNotFoundException>(() => b.LoadUserDictionary(Path.Combine(dir, "user.txt")));
        Assert.Contains("user.txt", ex2.Message);
    }

    [Fact]
    public void Corrupt_model_is_rejected()
    {
        var dir = Directory.CreateTempSubdirectory("rm-bad-model-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "dict.bin"), File.ReadAllBytes(Path.Combine(TestData.ModelDirectory, "dict.bin"))[..1000]);
            File.Copy(Path.Combine(TestData.ModelDirectory, "hmm.bin"), Path.Combine(dir, "hmm.bin"));
            var ex = Assert.Throws<InvalidDataException>(() => JiebaSegmenterBuilder.FromModel(dir));
            Assert.Contains("dict.bin", ex.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void User_dictionary_must_be_utf8()
    {
        var b = JiebaSegmenterBuilder.FromModel(TestData.ModelDirectory);
        var bytes = Encoding.UTF8.GetBytes("科技 5\n").Concat(new byte[] { 0xB2, 0xE2, 0xCA, 0xD4, (byte)'\n' }).ToArray(); // GBK "测试"
        var ex = Assert.Throws<InvalidDataException>(() => b.LoadUserDictionary(bytes, "gbk.txt"));
        Assert.Contains("gbk.txt", ex.Message);
        Assert.Contains("line 2", ex.Message);
    }

    [Theory]
    [InlineData("科技特派员 5 n", "科技特派员", "5", "n")]
    [InlineData("科技特派员", "科技特派员", null, null)]
    [InlineData("科技特派员 n", "科技特派员", null, "n")]
    [InlineData("New York 10 ns", "New York", "10", "ns")]
    [InlineData("word 10 N", "word 10 N", null, null)]
    [InlineData("词 x y z", "词 x y", null, "z")]
    [InlineData("数字 12 34", "数字 12", "34", null)]
    [InlineData("a  5", "a ", "5", null)]
    [InlineData("5 n", "5", null, "n")]
    [InlineData("x 5 ", "x 5 ", null, null)]
    [InlineData(" 5", " 5", null, null)]
    public void User_dictionary_line_parses_like_jiebas_regex(string line, string word, string? freq, string? tag)
    {
        Assert.Equal((word, freq, tag), JiebaSegmenterBuilder.ParseUserDictLine(line));
    }

    [Fact]
    public void Add_word_rejects_empty_words_and_negative_frequencies()
    {
        var b = JiebaSegmenterBuilder.FromModel(TestData.ModelDirectory);
        Assert.Throws<ArgumentException>(() => b.AddWord(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.AddWord("科技", -1));
    }

    [Fact]
    public void Whitespace_tokens_follow_python_isspace()
    {
        // python3 -c "print([hex(i) for i in range(0x10000) if chr(i).isspace()])"
        int[] python = [0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
            0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000];
        var ours = Enumerable.Range(0, 0x10000).Where(i => JiebaSegmenter.IsWhitespaceToken(((char)i).ToString())).ToArray();
        Assert.Equal(python, ours);
        Assert.True(JiebaSegmenter.IsWhitespaceToken("\r\n"));
        Assert.False(JiebaSegmenter.IsWhitespaceToken(""));
        Assert.False(JiebaSegmenter.IsWhitespaceToken("\u200b"));
    }
}
