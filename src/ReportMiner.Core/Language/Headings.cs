using System.Text.RegularExpressions;

namespace ReportMiner.Language;

/// <summary>
/// Headings, list items and titles, the one home of those line shapes: the normaliser keeps
/// them on lines of their own, the structure stage reads sections and report boundaries from
/// them, and the PDF reader breaks lines before them.
/// </summary>
public static partial class Headings
{
    private const RegexOptions Opts = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>Heading or list-item numbering at the start of a line: 一、 (一) 1、 1. （1） 第一 一是.</summary>
    private static readonly Regex ItemStart = new(
        @"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.]|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[、]|\d{1,2}\s*\.(?!\d)|第[一二三四五六七八九十]{1,3}[、,，部章节是]|[一二三四五六七八九十]是|[①②③④⑤⑥⑦⑧⑨⑩]|篇[一二三四五六七八九十])",
        Opts);

    /// <summary>
    /// The numbering a PDF line may start with (no leading space: PDF lines are trimmed; also
    /// 第一章, 百, circled and parenthesised numbers ⑴ ⒈, and A、): the line before it ends there.
    /// </summary>
    private static readonly Regex PdfItemStart = new(
        @"^(?:第[一二三四五六七八九十百千零〇两\d]+[章节条篇部分款]|[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百]+[)）]|[（(]\d{1,2}[)）]|\d{1,2}[、．]|\d{1,2}\.(?!\d)|[①-⑳⑴-⒇⒈-⒛]|[A-Za-z][、．])",
        RegexOptions.CultureInvariant);

    /// <summary>A title: names the genre (总结, 计划, 要点, 汇报, 报告 …) and has no sentence punctuation.</summary>
    private static readonly Regex TitleWords = new(@"(?:总结|计划|要点|汇报|报告|思路|打算|安排|材料|篇[一二三四五六七八九十\d]+)\s*(?:[(（【].{0,12}[)）】])?\s*$", Opts);

    [GeneratedRegex(@"^\s*(?<n>[一二三四五六七八九十]{1,3})\s*[、.]")]
    private static partial Regex TopLevel();

    /// <summary>The line starts with heading or list-item numbering.</summary>
    public static bool StartsItem(ReadOnlySpan<char> line) => ItemStart.IsMatch(line);

    /// <summary>A short numbered line without sentence punctuation inside: a section heading.</summary>
    public static bool IsHeading(ReadOnlySpan<char> line)
        => StartsItem(line) && line.Length <= 40 && line.IndexOfAny("。；;") < 0;

    /// <summary>A line that looks like a report's title.</summary>
    public static bool IsTitleLike(ReadOnlySpan<char> line)
        => line.Length <= 50 && line.IndexOfAny("。，,；;") < 0 && TitleWords.IsMatch(line);

    /// <summary>True for a PDF line starting with a heading or item number such as 一、 （一） (1) 1、 1. ① 第二章.</summary>
    public static bool StartsPdfItem(string line) => PdfItemStart.IsMatch(line);

    /// <summary>The number of a top-level heading (一、 二、 …), or null when the line does not start with one.</summary>
    public static int? TopNumber(ReadOnlySpan<char> line)
    {
        if (!TopLevel().IsMatch(line)) return null;
        var m = TopLevel().Match(line.ToString());
        return (int)Numbers.ChineseNumber.Parse(m.Groups["n"].ValueSpan).Value;
    }
}
