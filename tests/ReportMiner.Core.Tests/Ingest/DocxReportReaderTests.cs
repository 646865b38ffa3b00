using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using ReportMiner.Ingest;
using static ReportMiner.Tests.Ingest.MiniDocx;

namespace ReportMiner.Tests.Ingest;

public sealed class DocxReportReaderTests
{
    private static readonly DocxReportReader Reader = new();

    private static SourceDocument Reads(byte[] bytes, IngestOptions? options = null)
    {
        var result = Reader.Read("test.docx", bytes, options ?? IngestOptions.Default);
        Assert.True(result.Success, result.Error?.Reason);
        return result.Document!;
    }

    private static IngestError Fails(byte[] bytes, IngestOptions? options = null)
    {
        var result = Reader.Read("test.docx", bytes, options ?? IngestOptions.Default);
        Assert.False(result.Success, "expected a failure, got: " + result.Document?.Text);
        Assert.Equal("docx", result.Error!.Stage);
        return result.Error;
    }

    [Theory]
    [InlineData("000_971f75f910563c26")]
    [InlineData("001_87709b1c34e14cd9")]
    public void Fixture_text_equals_the_source_exactly(string stem)
    {
        var doc = Reads(Fixtures.Format(stem + ".docx"));
        Assert.Equal(Fixtures.Source(stem), doc.Text);
        Assert.Equal(1.0, TextSimilarity.Of(Fixtures.Source(stem), doc.Text));
        Assert.Equal("docx", doc.Format);
        Assert.Equal("p1", doc.Regions[0].Locator);
        Assert.Equal(doc.Text.Split('\n')[0], doc.Text.Substring(doc.Regions[0].Start, doc.Regions[0].Length));
        AssertOrderedWithoutOverlap(doc);
    }

    internal static readonly string[][] ExpectedTable =
    [
        ["序号", "指标", "2023年", "2024年上半年", "同比增长(%)"],
        ["1", "R&D经费支出(万元)", "12,345.6", "7,890.12", "15.3"],
        ["2", "高新技术企业数(家)", "86", "95", "10.5"],
        ["3", "科技型中小企业(家)", "210", "248", "-3.2"],
        ["4", "技术合同成交额(亿元)", "3.45", "1.98", "8%"],
        ["合计(万元)", "12,345.6", "7,890.12", "—"],
    ];

    // ImpliedUnit per cell (null: none). Column header first, then the row label, then the caption (单位:万元).
    internal static readonly string?[][] ExpectedUnits =
    [
        [null, null, null, null, null],
        [null, "万元", "万元", "万元", "%"],
        [null, "家", "家", "家", "%"],
        [null, "家", "家", "家", "%"],
        [null, "亿元", "亿元", "亿元", "%"],
        ["万元", "万元", "万元", "%"],
    ];

    [Fact]
    public void Table_sample_gives_rows_cells_units_and_column_headers()
    {
        var doc = Reads(Fixtures.Format("table-sample.docx"));
        var lines = doc.Text.Split('\n');
        Assert.Equal("2024年上半年科技指标完成情况", lines[0]);
        Assert.Equal("说明:本表数据截至2024年6月30日,单位:万元。研发投入增长较快,高新技术企业数量创新高。", lines[1]);
        Assert.Equal(ExpectedTable.Select(r => string.Join('\t', r)), lines[2..8]);
        Assert.Equal("表后说明:全年目标完成率为68.5%,研发投入强度达到2.15%。", lines[8]);
        Assert.Equal(9, lines.Length);

        for (int r = 0; r < ExpectedTable.Length; r++)
            for (int c = 0; c < ExpectedTable[r].Length; c++)
            {
                var region = doc.Regions.Single(x => x.Locator == $"t1/r{r + 1}/c{c + 1}");
                Assert.Equal(ExpectedTable[r][c], doc.Text.Substring(region.Start, region.Length));
                Assert.True(ExpectedUnits[r][c] == region.ImpliedUnit, $"r{r + 1}/c{c + 1} '{ExpectedTable[r][c]}': unit {region.ImpliedUnit ?? "null"}, expected {ExpectedUnits[r][c] ?? "null"}");
                Assert.Null(region.Page);
            }

        // gridSpan=2 on the total row's first cell: its later cells line up with the right headers.
        Assert.Equal("指标", Region(doc, "t1/r6/c1").ColumnHeader);      // spans 序号 and 指标
        Assert.Equal("2023年", Region(doc, "t1/r6/c2").ColumnHeader);
        Assert.Equal("2024年上半年", Region(doc, "t1/r6/c3").ColumnHeader);
        Assert.Equal("同比增长(%)", Region(doc, "t1/r6/c4").ColumnHeader);
        Assert.Equal("2024年上半年", Region(doc, "t1/r3/c4").ColumnHeader);
        Assert.Null(Region(doc, "t1/r1/c3").ColumnHeader);
        Assert.Equal("p1", doc.Regions[0].Locator);
        Assert.Equal("p3", doc.Regions[^1].Locator);   // the paragraph after the table
        AssertOrderedWithoutOverlap(doc);
    }

    private static SourceRegion Region(SourceDocument doc, string locator) => doc.Regions.Single(r => r.Locator == locator);

    [Fact]
    public void Runs_are_walked_skipping_deleted_text_field_codes_and_other_parts()
    {
        var body =
            P(Run("研发") + "<w:r><w:t>投</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>入</w:t></w:r>" +
              "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>删除的字</w:delText></w:r></w:del>" +
              "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>1.5亿元</w:t></w:r></w:ins>" +
              "<w:r><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t><w:cr/><w:t>丙</w:t></w:r>" +
              "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE \\* MERGEFORMAT </w:instrText></w:r>" +
              "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" +
              "<w:commentRangeStart w:id=\"0\"/><w:r><w:t>页</w:t></w:r><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>" +
              "<w:r><w:footnoteReference w:id=\"1\"/></w:r>" +
              "<w:hyperlink r:id=\"x\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:r><w:t>链接</w:t></w:r></w:hyperlink>") +
            P("") +
            "<w:sdt><w:sdtContent>" + P(Run("内容控件中的段落")) + "</w:sdtContent></w:sdt>" +
            P("<w:r><w:t>A</w:t></w:r><w:r><w:noBreakHyphen/><w:t>B</w:t></w:r>");
        var doc = Reads(Create(body));
        Assert.Equal("研发投入1.5亿元\t甲\n乙\n丙7页链接\n\n内容控件中的段落\nA-B", doc.Text);
        foreach (var hidden in new[] { "页眉", "页脚", "脚注", "批注", "删除", "PAGE" })
            Assert.DoesNotContain(hidden, doc.Text);
        Assert.Equal(["p1", "p3", "p4"], doc.Regions.Select(r => r.Locator!).ToArray());
    }

    [Fact]
    public void Text_boxes_follow_their_paragraph_once()
    {
        const string box = "<w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent>";
        var body = P(Run("正文") +
            "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">" + box +
            "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v=\"urn:schemas-microsoft-com:vml\">" + box +
            "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>" + Run("继续")) + P(Run("下一段"));
        var doc = Reads(Create(body));
        Assert.Equal("正文继续\n文本框内容\n下一段", doc.Text);
        Assert.Equal(["p1", "p1/x1", "p2"], doc.Regions.Select(r => r.Locator!).ToArray());
    }

    [Fact]
    public void Caption_units_merged_cells_and_index_columns()
    {
        string Cell(string text, string props = "") => $"<w:tc><w:tcPr>{props}</w:tcPr>{P(Run(text))}</w:tc>";
        var body =
            P(Run("表2 科技经费投入（亿元）")) +
            "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>" +
            "<w:tr>" + Cell("编号") + Cell("项目") + Cell("2024年", "<w:gridSpan w:val=\"2\"/>") + "</w:tr>" +
            "<w:tr>" + Cell("1") + Cell("财政科技支出", "<w:vMerge w:val=\"restart\"/>") + Cell("2.5") + Cell("占比％") + "</w:tr>" +
            "<w:tr>" + Cell("2") + Cell("", "<w:vMerge/>") + Cell("3.1") + Cell("4") + "</w:tr>" +
            "<w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>" + Cell("9.9") + Cell("10") + "</w:tr>" +
            "</w:tbl>";
        var doc = Reads(Create(body));
        var lines = doc.Text.Split('\n');
        Assert.Equal("编号\t项目\t2024年", lines[1]);
        Assert.Equal("1\t财政科技支出\t2.5\t占比％", lines[2]);
        Assert.Equal("2\t\t3.1\t4", lines[3]);
        Assert.Equal("9.9\t10", lines[4]);
        Assert.Null(Region(doc, "t1/r2/c1").ImpliedUnit);                 // 编号 column: no unit
        Assert.Equal("亿元", Region(doc, "t1/r2/c3").ImpliedUnit);        // caption's trailing （亿元）
        Assert.Equal("2024年", Region(doc, "t1/r2/c4").ColumnHeader);     // header spanning two grid columns
        Assert.Equal("2024年", Region(doc, "t1/r4/c1").ColumnHeader);     // gridBefore=2 shifts the row
        Assert.DoesNotContain(doc.Regions, r => r.Locator == "t1/r3/c2"); // vMerge continuation: empty, no region
    }

    [Theory]
    [InlineData("单位：万元", "万元")]
    [InlineData("（单位:亿元）", "亿元")]
    [InlineData("表1 2023年科技经费（万元）", "万元")]
    [InlineData("表1 2023年科技经费（万元）情况如下", null)]
    [InlineData("说明:本表数据截至2024年6月30日,单位:万元。研发投入增长较快", "万元")]
    public void Caption_units(string caption, string? unit) => Assert.Equal(unit, TableUnits.FromCaption(caption));

    [Theory]
    [InlineData("同比增长(%)", "%")]
    [InlineData("同比增长（％）", "%")]
    [InlineData("R&D经费支出（万元）", "万元")]
    [InlineData("高新技术企业数(家)", "家")]
    [InlineData("技术合同成交额(亿元)", "亿元")]
    [InlineData("金额/万元", "万元")]
    [InlineData("研发人员(人次)", "人次")]
    [InlineData("增长率%", "%")]
    [InlineData("单价(元/吨)", "元/吨")]
    [InlineData("2024年上半年", null)]
    [InlineData("研发(含试验)", null)]
    [InlineData("", null)]
    public void Header_units(string header, string? unit) => Assert.Equal(unit, TableUnits.FromHeader(header));

    [Fact]
    public void A_dtd_with_entity_expansion_is_refused_without_expanding()
    {
        var laughs = new StringBuilder("<!DOCTYPE w:document [<!ENTITY l0 \"哈哈哈哈哈哈哈哈哈哈\">");
        for (int i = 1; i <= 9; i++) laughs.Append($"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        laughs.Append("]>");
        var document = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>{laughs}<w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>";
        var sw = Stopwatch.StartNew();
        var error = Fails(Create("", document));
        Assert.Contains("DTD", error.Reason);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    [Theory]
    [InlineData("[Content_Types].xml")]
    [InlineData("_rels/.rels")]
    [InlineData("word/_rels/document.xml.rels")]
    public void A_dtd_in_a_package_part_is_refused_too(string part)
    {
        var bytes = Create(P(Run("正文")));
        var entries = new Dictionary<string, string>();
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
            foreach (var e in zip.Entries)
                entries[e.FullName] = new StreamReader(e.Open()).ReadToEnd();
        var xml = entries[part];
        int rootStart = xml.IndexOf('<', xml.IndexOf("?>", StringComparison.Ordinal) is var d && d >= 0 ? d + 2 : 0);
        entries[part] = xml[..rootStart] + "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" + xml[rootStart..];
        var sw = Stopwatch.StartNew();
        var result = Reader.Read("dtd.docx", Zip(entries), IngestOptions.Default);
        Assert.False(result.Success, "a DTD in " + part + " was accepted");
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_declared_size()
    {
        // ~3 MB of XML of varied characters: over a 1 MB limit, but not over the compression-ratio guard.
        var random = new Random(15);
        var body = P(Run(new string(Enumerable.Range(0, 1_000_000).Select(_ => (char)random.Next(0x4E00, 0x9FA5)).ToArray())));
        var bytes = Create(body);
        var error = Fails(bytes, IngestOptions.Default with { MaxDecompressedBytes = 1_000_000 });
        Assert.Contains("zip bomb", error.Reason);
        Assert.Contains("max_decompressed_bytes", error.Reason);
        Reads(bytes);   // within the default limit it reads
    }

    [Fact]
    public void A_zip_entry_that_inflates_over_100x_is_refused_within_the_size_limit()
    {
        var bytes = Create(P(Run(new string('零', 1_000_000))));   // ~3 MB of XML, compresses to a few KB
        Assert.True(bytes.Length < 100_000);
        var error = Fails(bytes, IngestOptions.Default);
        Assert.Contains("zip bomb", error.Reason);
        Assert.Contains("over the limit of 100x", error.Reason);
        Assert.Contains("word/document.xml", error.Reason);
    }

    [Fact]
    public void A_zip_with_lying_sizes_is_refused_as_tampered()
    {
        var bytes = Create(P(Run(new string('零', 1_000_000))));
        var lying = LieAboutSizes(bytes, "word/document.xml", 1000);
        var error = Fails(lying, IngestOptions.Default with { MaxDecompressedBytes = 1_000_000 });
        Assert.Contains("CRC-32 mismatch", error.Reason);
        Assert.Contains("word/document.xml", error.Reason);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public void A_truncated_docx_is_an_error(double keep)
    {
        var bytes = Fixtures.Format("table-sample.docx");
        var error = Fails(bytes[..(int)(bytes.Length * keep)]);
        Assert.Contains("corrupt or truncated", error.Reason);
    }

    [Fact]
    public void Garbage_and_other_zips_are_errors()
    {
        var garbage = new byte[2000];
        new Random(3).NextBytes(garbage);
        Assert.Contains("not a zip", Fails(garbage).Reason);
        garbage[0] = (byte)'P'; garbage[1] = (byte)'K'; garbage[2] = 3; garbage[3] = 4;
        Assert.Contains("corrupt", Fails(garbage).Reason);
        var notWord = Zip(new() { ["[Content_Types].xml"] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>", ["xl/workbook.xml"] = "<workbook/>" });
        Assert.False(Reader.Read("x.docx", notWord, IngestOptions.Default).Success);
    }

    [Fact]
    public void Corrupted_bytes_never_escape_as_exceptions()
    {
        var original = Fixtures.Format("table-sample.docx");
        var random = new Random(11);
        for (int round = 0; round < 30; round++)
        {
            var bytes = (byte[])original.Clone();
            for (int k = 0; k < 10; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var result = Reader.Read("mutated.docx", bytes, IngestOptions.Default);
            Assert.True(result.Success || !string.IsNullOrWhiteSpace(result.Error!.Reason));
        }
    }

    internal static void AssertOrderedWithoutOverlap(SourceDocument doc)
    {
        int end = 0;
        foreach (var r in doc.Regions)
        {
            Assert.True(r.Start >= end, $"region {r} overlaps the previous one");
            Assert.True(r.Length > 0 && r.Start + r.Length <= doc.Text.Length);
            end = r.Start + r.Length;
        }
    }

    /// <summary>Rewrites the uncompressed-size fields of one entry (local header and central directory) to a small lie.</summary>
    private static byte[] LieAboutSizes(byte[] zip, string entryName, uint fakeSize)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.ASCII.GetBytes(entryName);
        for (int i = 0; i + 46 < bytes.Length; i++)
        {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), fakeSize);
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2 && bytes.AsSpan(i + 46, name.Length).SequenceEqual(name))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), fakeSize);
        }
        using var check = new ZipArchive(new MemoryStream(bytes));
        Assert.Equal(fakeSize, (uint)check.GetEntry(entryName)!.Length);
        return bytes;
    }
}

public sealed class TableRowsThroughNormaliserTests
{
    [Fact]
    public void Table_rows_stay_separate_lines_so_numbers_of_adjacent_rows_do_not_merge()
    {
        var doc = new DocxReportReader().Read("t.docx", Fixtures.Format("table-sample.docx"), IngestOptions.Default).Document!;
        var normalized = new ReportMiner.Normalise.TextNormalizer(new ReportMiner.Normalise.TextNormalizerOptions()).Normalize(doc.Text).Text;
        var lines = normalized.Split('\n');
        // Cells stay apart (tabs are kept), rows stay apart (lines are not joined).
        Assert.Contains("1\tR&D经费支出(万元)\t12,345.6\t7,890.12\t15.3", lines);
        Assert.Contains("2\t高新技术企业数(家)\t86\t95\t10.5", lines);
        Assert.DoesNotContain("15.32", normalized);
    }
}
