using System.Text.RegularExpressions;

namespace ReportMiner.Normalise;

/// <summary>Shapes of lines in these reports: headings, titles, sentence ends.</summary>
public static class StructureCues
{
    private const RegexOptions Opts = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>Heading or list-item numbering at the start of a line: 一、 (一) 1、 1. （1） 第一 一是.</summary>
    private static readonly Regex HeadingStart = new(
        @"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.]|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[、]|\d{1,2}\s*\.(?!\d)|第[一二三四五六七八九十]{1,3}[、,，部章节是]|[一二三四五六七八九十]是|[①②③④⑤⑥⑦⑧⑨⑩]|篇[一二三四五六七八九十])",
        Opts);

    /// <summary>A title: names the genre (总结, 计划, 要点, 汇报, 报告 …) and has no sentence punctuation.</summary>
    private static readonly Regex TitleWords = new(@"(?:总结|计划|要点|汇报|报告|思路|打算|安排|材料|篇[一二三四五六七八九十\d]+)\s*(?:[(（【].{0,12}[)）】])?\s*$", Opts);

    /// <summary>
    /// A table cell flattened onto a line of its own: one figure with its unit, maybe bracketed
    /// ([360亿元] marks an estimate), or a rank (第3). Such a line is never joined to its neighbours.
    /// </summary>
    private static readonly Regex ValueCell = new(
        @"^\s*(?:[\[［【(（]\s*)?[-+]?\d[\d,，.]*\s*(?:%|‰|[万亿千百]{0,2}元|[万亿]{1,2}|家|件|项|个|户|人|名|次|人次|人年)?(?:\s*[\]］】)）])?\s*$|^\s*第\s*\d{1,3}\s*$",
        Opts);

    /// <summary>A column label ends with its unit in parentheses: "科技型中小企业(家)", "…与GDP之比(%)".</summary>
    private static readonly Regex UnitLabelEnd = new(@"[(（]\s*(?:%|‰|[万亿千]{0,2}元|家|件|项|个|户|人|名|人年)\s*[)）]\s*$", Opts);

    /// <summary>Whether <paramref name="line"/> ends as a table column label does, with its unit in parentheses.</summary>
    public static bool EndsWithUnitLabel(ReadOnlySpan<char> line) => UnitLabelEnd.IsMatch(line);

    /// <summary>Whether <paramref name="line"/> is one flattened table cell holding a figure (or a rank).</summary>
    public static bool IsValueCell(ReadOnlySpan<char> line) => ValueCell.IsMatch(line);

    public static bool EndsSentence(char c) => c is '。' or '！' or '？' or '；' or '：' or '!' or '?' or ';' or ':' or '…' or '」' or '”';

    public static bool StartsHeading(ReadOnlySpan<char> line) => HeadingStart.IsMatch(line);

    /// <summary>A short numbered line without sentence punctuation inside: a section heading.</summary>
    public static bool IsHeading(ReadOnlySpan<char> line)
        => StartsHeading(line) && line.Length <= 40 && line.IndexOfAny("。；;") < 0;

    public static bool IsTitleLike(ReadOnlySpan<char> line)
        => line.Length <= 50 && line.IndexOfAny("。，,；;") < 0 && TitleWords.IsMatch(line);
}
