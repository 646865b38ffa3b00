using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReportMiner.Normalise;

namespace ReportMiner.Core.Tests.Normalise;

/// <summary>Invariants of the offset map: every normalised character points back at the source character it came from.</summary>
public class NormalizerPropertyTests
{
    private static readonly TextNormalizer Normalizer = new(SharedPipeline.Config.Normalise,
        TraditionalToSimplified.Load(SharedPipeline.Config.Resolve(SharedPipeline.Config.Normalise.TraditionalTable!)));

    /// <summary>Report-like text: CJK, digits, full-width forms, punctuation, line breaks, URLs.</summary>
    private static Arbitrary<string> ReportText()
    {
        var pieces = Gen.Elements("高新技术企业", "研发投入", "1.56亿元", "２０２１年", "，", "。", "\n", "\n\n", " ", "科技特派員", "選(xuǎn)",
            "笔杆儿网www.bgzjy.cn", "首页 > 文章 > 正文", "Tags: 科技", "一、", "(一)", "xx家", "R&D", "\t", "达到\n3.2亿元", "；", "%");
        return Gen.ListOf(pieces).Select(p => string.Concat(p)).ToArbitrary();
    }

    [Property(MaxTest = 300)]
    public Property Every_character_maps_back_to_its_source()
        => Prop.ForAll(ReportText(), source =>
        {
            var n = Normalizer.Normalize(source);
            for (int i = 0; i < n.Text.Length; i++)
            {
                int s = n.SourceIndex[i];
                if (s < 0 || s >= source.Length) return false;
                if (i > 0 && n.SourceIndex[i - 1] >= s) return false;
                char expected = source[s] == '\n' ? '\n' : Normalizer.MapChar(source[s]);
                if (n.Text[i] != expected) return false;
            }
            return n.SourceIndex[n.Text.Length] == source.Length;
        });

    [Property(MaxTest = 300)]
    public Property Any_span_maps_to_a_source_span_holding_the_same_characters()
        => Prop.ForAll(ReportText(), ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (source, a, b) =>
        {
            var n = Normalizer.Normalize(source);
            if (n.Text.Length == 0) return true;
            int start = Math.Abs(a % n.Text.Length), end = start + Math.Abs(b % (n.Text.Length - start + 1));
            var raw = n.SourceSlice(start, end);
            // Every kept character appears in the raw slice, in order.
            int k = 0;
            foreach (char c in n.Text.AsSpan(start, end - start))
            {
                while (k < raw.Length && (raw[k] == '\n' ? '\n' : Normalizer.MapChar(raw[k])) != c) k++;
                if (k++ >= raw.Length) return false;
            }
            return true;
        });

    [Theory]
    [InlineData("达到\n3.2亿元", "达到3.2亿元")]
    [InlineData("２０２１年，全县", "2021年,全县")]
    [InlineData("高新技術企業", "高新技术企业")]
    [InlineData("選(xuǎn)認(rèn)", "选认")]
    [InlineData("农、林系统笔杆儿网www.bgzjy.cn和教育", "农、林系统和教育")]
    [InlineData("首页 > 文章中心 > 正文\n\n正文第一句。", "\n\n正文第一句。")]
    [InlineData("第一句。\n第二句", "第一句。\n第二句")]
    [InlineData("工作总结\n一、成绩", "工作总结\n一、成绩")]
    public void Normalises(string source, string expected) => Assert.Equal(expected, Normalizer.Normalize(source).Text);
}
