using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ReportMiner.Segmentation.Tests;

/// <summary>Tokens tile the input: in order, no gaps, no overlaps, none empty; search mode keeps the accurate tokens.</summary>
public class PropertyTests
{
    // Characters that exercise every branch: CJK words and unknown CJK, the han-class ASCII,
    // the re_skip pieces, whitespace (incl. \r\n), other CJK, surrogates (paired and lone).
    private const string Pool = "科技创新发展企业研发投入专利申请授权高新技术的了是在我们王小明李华平鿖鿗㐀〇豈" +
                                "abcXYZ0123456789+#&._%-" + " \t\r\n\v\f\x1c\x85\xa0\u3000\u2028" + "，。、％１（）—";

    private static Arbitrary<string> TextArb() =>
        Gen.Frequency(
                (6, Gen.Elements(Pool.ToCharArray()).Select(c => c.ToString())),
                (1, Gen.Elements("😀", "𠀀", "\ud83d", "\ude00", "\r\n", "1.56", "48.1%", "AT&T", "C++", "R&D")))
            .ListOf()
            .Select(parts => string.Concat(parts))
            .ToArbitrary();

    private static bool Tiles(string text, SegmentMode mode)
    {
        var tokens = new List<Token>();
        TestData.Default.Cut(text, tokens, mode);
        var pos = 0;
        foreach (var t in tokens)
        {
            if (t.Start != pos || t.Length <= 0) return false;
            pos = t.End;
        }
        return pos == text.Length;
    }

    private static bool SplitsSurrogatePairs(string text, SegmentMode mode)
    {
        var tokens = new List<Token>();
        TestData.Default.Cut(text, tokens, mode);
        foreach (var t in tokens)
            if (t.Start > 0 && char.IsLowSurrogate(text[t.Start]) && char.IsHighSurrogate(text[t.Start - 1])) return true;
        return false;
    }

    [Property(MaxTest = 300)]
    public Property Accurate_tokens_tile_any_string(string? text) => Prop.Label(Tiles(text ?? "", SegmentMode.Accurate), "tiles");

    [Property(MaxTest = 300)]
    public Property NoHmm_tokens_tile_any_string(string? text) => Prop.Label(Tiles(text ?? "", SegmentMode.AccurateNoHmm), "tiles");

    [Property(MaxTest = 500)]
    public Property Tokens_tile_mixed_report_like_text() =>
        Prop.ForAll(TextArb(), text =>
            Tiles(text, SegmentMode.Accurate) && Tiles(text, SegmentMode.AccurateNoHmm)
            && !SplitsSurrogatePairs(text, SegmentMode.Accurate) && !SplitsSurrogatePairs(text, SegmentMode.AccurateNoHmm));

    [Property(MaxTest = 300)]
    public Property Search_adds_only_dictionary_grams_inside_accurate_tokens() =>
        Prop.ForAll(TextArb(), text =>
        {
            var seg = TestData.Default;
            var accurate = new List<Token>();
            var search = new List<Token>();
            seg.Cut(text, accurate, SegmentMode.Accurate);
            seg.Cut(text, search, SegmentMode.Search);
            // The accurate tokens appear in order; every other token is a 2/3-gram word inside the next accurate token.
            var next = 0;
            foreach (var t in search)
            {
                if (next < accurate.Count && t == accurate[next]) { next++; continue; }
                if (next >= accurate.Count) return false;
                var owner = accurate[next];
                if (t.Length is not (2 or 3) || t.Start < owner.Start || t.End > owner.End || !seg.ContainsWord(text.AsSpan(t.Start, t.Length))) return false;
            }
            return next == accurate.Count;
        });
}
