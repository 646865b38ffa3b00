using ReportMiner.Ingest;

namespace ReportMiner.Tests.Ingest;

/// <summary>Table-driven tests of each cleanup step, on lines given as plain strings (widths estimated).</summary>
public sealed class PdfTextCleanerTests
{
    // A wrapped body line: 30 ideographs, as wide as the widest line in these tests.
    private const string Full1 = "为推进实施创新驱动发展战略提升产业科技创新水平鼓励和引导我县企事";
    private const string Full2 = "业单位开展科技创新深入企业进行实地调研掌握企业科技创新情况重点筛";

    [Theory]
    // running header + page-number footer on every page
    [InlineData(new[] { "县科技局工作报告", "第 1 页 共 3 页", "正文一。" }, new[] { "县科技局工作报告", "第 2 页 共 3 页", "正文二。" }, new[] { "县科技局工作报告", "第 3 页 共 3 页", "正文三。" }, "正文一。\n正文二。\n正文三。")]
    // digits masked: a header carrying the page number still repeats
    [InlineData(new[] { "2024年第1期 科技简报 1", "甲。" }, new[] { "2024年第1期 科技简报 2", "乙。" }, new[] { "2024年第1期 科技简报 3", "丙。" }, "甲。\n乙。\n丙。")]
    // -N- and N/M page numbers at the bottom
    [InlineData(new[] { "甲。", "- 1 -" }, new[] { "乙。", "2/3" }, new[] { "丙。", "— 3 —" }, "甲。\n乙。\n丙。")]
    // a line repeated on only one page of three at the top is body text
    [InlineData(new[] { "引言。", "甲。" }, new[] { "乙。" }, new[] { "丙。" }, "引言。\n甲。\n乙。\n丙。")]
    public void Running_headers_footers_and_page_numbers_are_removed(string[] page1, string[] page2, string[] page3, string expected)
    {
        var result = PdfTextCleaner.Clean(page1, page2, page3);
        Assert.Equal(expected, result.Text);
    }

    [Fact]
    public void A_repeated_line_in_the_middle_of_pages_is_kept()
    {
        string[] Page(string n) => ["标题" + n + "。", "一" + n + "。", "二" + n + "。", "三。", "重复的正文行。", "四。", "五" + n + "。", "六" + n + "。", "结尾" + n + "。"];
        var result = PdfTextCleaner.Clean(Page("甲"), Page("乙"));
        Assert.Equal(2, result.Text.Split('\n').Count(l => l == "重复的正文行。"));
        Assert.Empty(result.RemovedLines);
    }

    [Theory]
    [InlineData("县 科 技 局 2 0 2 1 下 半 年 工 作 计 划", "县科技局2021下半年工作计划")]
    [InlineData("县科技局 工作 报告", "县科技局工作报告")]
    [InlineData("2024 年台州市", "2024 年台州市")]
    [InlineData("R&D 经费 支出", "R&D 经费支出")]
    [InlineData("Annual report of the bureau", "Annual report of the bureau")]
    [InlineData("A B", "A B")]
    [InlineData("高新技术企业数 5 3 2 1", "高新技术企业数 5 3 2 1")]
    [InlineData("1 2 3 4 5", "1 2 3 4 5")]
    [InlineData("⽂件⾸⻚⻓⻔⺠", "文件首页长门民")]
    [InlineData("  首页 > 文章中心 > 正文  ", "首页 > 文章中心 > 正文")]
    [InlineData("科技\u3000创新\u200B工作", "科技创新工作")]
    public void Lines_are_cleaned(string raw, string expected)
        => Assert.Equal(expected, PdfTextCleaner.CleanLine(raw));

    [Theory]
    // wrapped full line + continuation: joined
    [InlineData(new[] { Full1, Full2, "选项目。" }, Full1 + Full2 + "选项目。")]
    // sentence-final punctuation keeps the break
    [InlineData(new[] { "为推进实施创新驱动发展战略提升产业科技创新水平鼓励和引导我县。", Full2 }, "为推进实施创新驱动发展战略提升产业科技创新水平鼓励和引导我县。\n" + Full2)]
    // a heading on the next line keeps the break
    [InlineData(new[] { Full1, "二、存在的问题" }, Full1 + "\n二、存在的问题")]
    [InlineData(new[] { Full1, "（一）加强科技特派员管理工作" }, Full1 + "\n（一）加强科技特派员管理工作")]
    [InlineData(new[] { Full1, "1、企业创新意识不强" }, Full1 + "\n1、企业创新意识不强")]
    // a short line keeps the break
    [InlineData(new[] { "县科技局2021下半年工作计划", Full1 }, "县科技局2021下半年工作计划\n" + Full1)]
    // an open bracket at a short line end still joins
    [InlineData(new[] { Full1 + "。", "今年出台了《关于加大研发投入的批复》(丰府字", "〔2021〕22号)文件。" }, Full1 + "。\n今年出台了《关于加大研发投入的批复》(丰府字〔2021〕22号)文件。")]
    // a wrapped decimal number is not a heading
    [InlineData(new[] { Full1, "1.56亿元。" }, Full1 + "1.56亿元。")]
    public void Wrapped_lines_are_rejoined_and_real_breaks_kept(string[] lines, string expected)
        => Assert.Equal(expected, PdfTextCleaner.Clean(lines).Text);

    [Fact]
    public void Paragraphs_continue_across_pages_and_regions_follow_the_pages()
    {
        var result = PdfTextCleaner.Clean([Full1], [Full2 + "。", "下一段。"]);
        Assert.Equal(Full1 + Full2 + "。\n下一段。", result.Text);
        Assert.Equal(2, result.Regions.Count);
        Assert.Equal(new SourceRegion(0, Full1.Length, 1), result.Regions[0]);
        Assert.Equal(2, result.Regions[1].Page);
        Assert.Equal(result.Text.Length, result.Regions[1].Start + result.Regions[1].Length);
    }

    [Theory]
    [InlineData("现将我局上半年工作总结如下:", true)]
    [InlineData("对工作成效突出的科技特派员要及时推广他们经验。", true)]
    [InlineData("他说:“要加大研发投入。”", true)]
    [InlineData("解决相关技术需求;", true)]
    [InlineData("榜单金额160万元,", false)]
    [InlineData("数据1.", false)]
    [InlineData("See the annex.", true)]
    public void Sentence_ends(string line, bool expected) => Assert.Equal(expected, ReportMiner.Language.Sentences.EndsPdfLine(line));

    [Theory]
    [InlineData("一、上半年科技业务工作情况", true)]
    [InlineData("(一)认真组织申报科技项目", true)]
    [InlineData("（二）切实做好规上企业研发投入", true)]
    [InlineData("3、企业创新氛围不浓", true)]
    [InlineData("2. 持续加强创新人才支撑", true)]
    [InlineData("①加强合作", true)]
    [InlineData("第三章 保障措施", true)]
    [InlineData("1.56亿元", false)]
    [InlineData("2021年1月27日上午", false)]
    [InlineData("(研发)人员共计四十余人", false)]
    public void Headings(string line, bool expected) => Assert.Equal(expected, ReportMiner.Language.Headings.StartsPdfItem(line));

    [Theory]
    [InlineData("第1页共3页", "第#页共#页")]
    [InlineData(" 2024 年 第 12 期 ", "####年第##期")]
    public void Masking_ignores_digits_and_whitespace(string text, string expected) => Assert.Equal(expected, PdfTextCleaner.Mask(text));

    [Fact]
    public void A_bare_number_is_a_page_number_only_in_the_page_margin()
    {
        PdfLine L(string text, double y) => new(text, 63, 63 + 12 * text.Length, y, 12);
        string[] body1 = ["甲乙丙丁戊己庚辛。", "乙。", "丙。", "丁。"], body2 = ["子丑寅卯辰巳午未。", "丑。", "寅。", "卯。"];
        PdfPageLines Page(int n, string[] body, string last, double lastY)
            => new(n, [.. body.Select((t, i) => L(t, 700 - 20 * i)), L(last, lastY)], 842);
        // "12" at y=100 is a table cell (above the margin); "3" at y=40 is a page number.
        var result = PdfTextCleaner.Clean([Page(1, body1, "12", 100), Page(2, body2, "3", 40)]);
        Assert.Equal(["甲乙丙丁戊己庚辛。", "乙。", "丙。", "丁。", "12", "子丑寅卯辰巳午未。", "丑。", "寅。", "卯。"],
            result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["3"], result.RemovedLines);
    }

    [Fact]
    public void Geometry_decides_when_it_is_known()
    {
        // Two pages of justified text: the first line of each paragraph indented by 2 em.
        PdfLine L(string text, double left, double right, double y) => new(text, left, right, y, 12);
        var page = new PdfPageLines(1,
        [
            L("第一段第一行文字很长很长很长。", 87, 533, 700),   // ends with 。 but the next line is not indented: same paragraph
            L("第一段第二行", 63, 533, 680),
            L("第一段末行。", 63, 200, 660),
            L("第二段首行", 87, 533, 640),
            L("第二段末行", 63, 150, 620),
            L("第三段首行", 87, 300, 600),
        ], 842);
        var result = PdfTextCleaner.Clean([page]);
        Assert.Equal("第一段第一行文字很长很长很长。第一段第二行第一段末行。\n第二段首行第二段末行\n第三段首行", result.Text);
    }
}
