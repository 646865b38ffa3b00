using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using ReportMiner.Export;

namespace ReportMiner.Core.Tests.Export;

/// <summary>Cell text survives the hand-written sheet XML: markup, CR/LF and control characters.</summary>
public sealed class XlsxTableWriterTests : IDisposable
{
    private readonly TempFolder _temp = new("rm-xlsx");

    public XlsxTableWriterTests() => Directory.CreateDirectory(_temp.Path);

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("plain 研发", "plain 研发")]
    [InlineData("a<b&c>d", "a&lt;b&amp;c&gt;d")]
    [InlineData("line\r\nnext\ttab", "line&#xD;\nnext\ttab")]
    [InlineData("bell\u0007end\uFFFF", "bell end ")]
    [InlineData("", "")]
    public void Cell_text_is_escaped_as_xml(string text, string expected)
    {
        using var w = new StringWriter();
        XlsxTableWriter.WriteEscaped(w, text);
        Assert.Equal(expected, w.ToString());
    }

    [Fact]
    public void A_workbook_with_awkward_text_is_valid_and_reads_back()
    {
        var county = new CountyRow("仙居县", "仙居县", "331024", "浙江省", "台州市", []);
        const string sentence = "R&D <投入>\r\n达到\u00015亿元";
        var mention = new MentionRow(county, "rd_expenditure", "actual", null, null, 5e8, "CNY", "5亿元", false, null, "2023",
            "a.txt", null, sentence, 3, 6, "rule", 1);
        var data = new ExportData([county], [new DocumentRow("仙居县", "a.txt", null, "总结", null, null, "2023", "txt", new string('0', 64))], [mention],
            [new ErrorRow("b.pdf", "ingest", "bad <xref> & more")]);
        var path = _temp.Combine("t.xlsx");
        Assert.True(TableExporter.Write(data, "xlsx", path));

        using var xlsx = SpreadsheetDocument.Open(path, false);
        Assert.Empty(new OpenXmlValidator().Validate(xlsx));
        var wb = xlsx.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        string[] Texts(int sheet, int row) => ((WorksheetPart)wb.GetPartById(sheets[sheet].Id!)).Worksheet.GetFirstChild<SheetData>()!
            .Elements<Row>().ElementAt(row).Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray();
        var mentionRow = Texts(0, 1);
        Assert.Contains("R&D <投入>\r\n达到 5亿元", mentionRow);
        Assert.Contains("500000000", mentionRow);
        Assert.Equal(["b.pdf", "error"], Texts(2, 2).Take(2));
        Assert.Contains("bad <xref> & more", Texts(2, 2));
    }

    [Fact]
    public void A_table_longer_than_a_sheet_goes_on_in_numbered_sheets()
    {
        var county = new CountyRow("仙居县", "仙居县", "331024", "浙江省", "台州市", []);
        var path = _temp.Combine("long.xlsx");
        using (var writer = new XlsxTableWriter(path, maxRows: 3))
        {
            writer.AddDocument(new DocumentRow("仙居县", "a.txt", null, null, null, null, null, "txt", new string('0', 64)));
            for (int i = 0; i < 5; i++)
                writer.AddMention(new MentionRow(county, "tech_envoys", "actual", null, null, i + 1, "persons", $"{i + 1}人", false, null, "2023",
                    "a.txt", null, "科技特派员", 10 * i, 10 * i + 2, "rule", 1));
            Assert.True(writer.Complete([county]));
        }
        using var xlsx = SpreadsheetDocument.Open(path, false);
        Assert.Empty(new OpenXmlValidator().Validate(xlsx));
        var wb = xlsx.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        // The five figures of one panel key disagree: four conflicts, two rows a sheet.
        Assert.Equal(["mentions", "mentions 2", "mentions 3", "pivot", "documents", "panel", "conflicts", "conflicts 2", "checks"], sheets.Select(s => s.Name!.Value));
        int Rows(Sheet sheet) => ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Count();
        Assert.Equal([3, 3, 2], sheets.Take(3).Select(Rows));   // a header and at most two rows each: all five mentions
    }
}
