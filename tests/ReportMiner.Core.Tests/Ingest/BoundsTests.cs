using System.IO.Compression;
using System.Text;
using FsCheck.Xunit;
using ReportMiner.Export;
using ReportMiner.Ingest;
using ReportMiner.Output;

namespace ReportMiner.Tests.Ingest;

/// <summary>
/// Bounds on what a PDF may make the reader build (inflated stream bytes, operators per stream),
/// formula escaping of table text (OWASP) and control characters in terminal lines.
/// </summary>
public class BoundsTests
{
    private static byte[] Deflate(byte[] data)
    {
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(data);
        return ms.ToArray();
    }

    /// <summary>A text page whose Flate content stream is <paramref name="content"/>.</summary>
    private static byte[] FlatePage(byte[] content) => MiniPdf.Build([
        MiniPdf.Obj("<< /Type /Catalog /Pages 2 0 R >>"),
        MiniPdf.Obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        MiniPdf.Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
        MiniPdf.Stream("/Filter /FlateDecode", Deflate(content)),
        MiniPdf.Obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
    ]);

    private static IngestResult Read(byte[] pdf, IngestOptions options) => new PdfReportReader().Read("x.pdf", pdf, options);

    [Fact]
    public void A_pdf_stream_that_inflates_past_the_cap_is_refused()
    {
        var content = Encoding.Latin1.GetBytes("BT /F1 12 Tf 72 700 Td (hello) Tj ET\n" + new string(' ', 3_000_000));
        var pdf = FlatePage(content);
        Assert.True(pdf.Length < 20_000);
        var result = Read(pdf, IngestOptions.Default with { MaxDecompressedBytes = 1_000_000 });
        Assert.False(result.Success);
        Assert.Contains("max_decompressed_bytes", result.Error!.Reason);
        Assert.True(Read(pdf, IngestOptions.Default).Success);   // within the default cap it reads
    }

    [Fact]
    public void A_content_stream_with_too_many_operators_is_refused()
    {
        var content = Encoding.Latin1.GetBytes("BT /F1 12 Tf 72 700 Td (hello) Tj ET\n" + string.Concat(Enumerable.Repeat("10 10 m 20 20 l S\n", 10_000)));
        var pdf = FlatePage(content);
        var result = Read(pdf, IngestOptions.Default with { MaxStreamOperators = 20_000 });
        Assert.False(result.Success);
        Assert.Contains("max_stream_operators", result.Error!.Reason);
        Assert.True(Read(pdf, IngestOptions.Default).Success);
    }

    [Fact]
    public void The_committed_path_bomb_is_refused_by_the_operator_cap()
    {
        var bytes = File.ReadAllBytes(Path.Combine(ReportMiner.Core.Tests.TestPaths.RepoRoot, "tests", "fixtures", "hostile", "path-bomb-30mb.pdf"));
        var result = Read(bytes, IngestOptions.Default);
        Assert.Contains("max_stream_operators", result.Error!.Reason);
    }

    [Fact]
    public void Operators_are_counted_across_buffer_boundaries_and_strings_do_not_count()
    {
        // 70,000 "re" operators: more than one 64 KB inflate buffer.
        var content = Encoding.Latin1.GetBytes(string.Concat(Enumerable.Repeat("(a b c d) 1 2 3 4 re\n", 70_000)));
        Assert.Null(PdfStreamGuard.Check(FlatePage(content), long.MaxValue, 70_000));
        Assert.NotNull(PdfStreamGuard.Check(FlatePage(content), long.MaxValue, 69_999));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 555", "'+86 555")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("全县新增12家", "全县新增12家")]
    [InlineData("", "")]
    public void Csv_text_that_would_start_a_formula_is_quote_prefixed(string text, string expected)
        => Assert.Equal(expected, FormulaGuard.ForCsv(text));

    [Property]
    public bool No_escaped_csv_cell_starts_a_formula(string? text)
        => !FormulaGuard.StartsFormula(FormulaGuard.ForCsv(text ?? ""));

    [Fact]
    public void Control_characters_are_escaped_for_the_terminal()
    {
        Assert.Equal("error: \\x1b]0;owned\\x07a.txt", TerminalText.Escape("error: \u001b]0;owned\u0007a.txt"));
        Assert.Equal("县\t科技局\\x9b", TerminalText.Escape("县\t科技局\u009b"));
        Assert.Equal("plain", TerminalText.Escape("plain"));
    }
}

public class LineBreakTests
{
    [FsCheck.Xunit.Property]
    public bool One_pass_line_break_normalisation_equals_the_two_replaces(byte[] picks)
    {
        var text = new string((picks ?? []).Select(b => "a\r\n研"[b % 4]).ToArray());
        return TxtReportReader.NormaliseLineBreaks(text) == text.Replace("\r\n", "\n").Replace('\r', '\n');
    }
}
