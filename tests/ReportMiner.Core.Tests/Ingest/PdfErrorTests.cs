using System.Text;
using ReportMiner.Ingest;

namespace ReportMiner.Tests.Ingest;

/// <summary>PDFs that must be refused with a clear reason, never read as garbage and never throwing.</summary>
public sealed class PdfErrorTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly PdfReportReader Reader = new();

    private IngestError Fails(byte[] bytes, IngestOptions? options = null)
    {
        var result = Reader.Read("test.pdf", bytes, options ?? IngestOptions.Default);
        Assert.False(result.Success, "expected a failure, got text: " + result.Document?.Text);
        Assert.Equal("test.pdf", result.Error!.Document);
        Assert.Equal("pdf", result.Error.Stage);
        output.WriteLine(result.Error.Reason);
        return result.Error;
    }

    [Theory]
    [InlineData("000_971f75f910563c26.libreoffice.pdf")]
    [InlineData("000_971f75f910563c26.chromium.pdf")]
    [InlineData("000_971f75f910563c26.chromium-notocjk.pdf")]
    [InlineData("001_87709b1c34e14cd9.chromium.pdf")]
    public void Fonts_without_ToUnicode_are_reported_as_unusable_text(string fixture)
    {
        var bytes = Fixtures.Format(fixture);
        var broken = Replace(bytes, "/ToUnicode"u8, "/ToUnicodX"u8, out int replaced);
        Assert.True(replaced > 0);
        // With OCR (ingest.ocr: auto) these pages would be OCRed (OcrTests); with it off they are refused.
        var error = Fails(broken, IngestOptions.Default with { Ocr = OcrMode.Off });
        Assert.Contains("ToUnicode", error.Reason);
        Assert.Contains("not usable", error.Reason);
    }

    [Fact]
    public void A_scanned_pdf_with_only_an_image_is_reported_as_having_no_text_layer()
    {
        var bytes = MiniPdf.ScannedPage();
        var error = Fails(bytes, IngestOptions.Default with { Ocr = OcrMode.Off });
        Assert.Contains("no text layer", error.Reason);
        Assert.Contains("OCR", error.Reason);
    }

    [Fact]
    public void The_hand_written_pdf_helper_makes_readable_pdfs()
    {
        // Guards the two tests above and below: the same writer without the image / the /Encrypt entry reads fine.
        var result = Reader.Read("plain.pdf", MiniPdf.TextPage("Science bureau report 2024"), IngestOptions.Default);
        Assert.True(result.Success, result.Error?.Reason);
        Assert.Equal("Science bureau report 2024", result.Document!.Text);
        Assert.Equal(1, Assert.Single(result.Document.Regions).Page);
    }

    [Fact]
    public void An_encrypted_pdf_is_reported_as_encrypted()
    {
        var error = Fails(MiniPdf.Encrypted());
        Assert.Contains("encrypted", error.Reason);
        Assert.Contains("password", error.Reason);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.1)]
    public void A_truncated_pdf_is_an_error(double keep)
    {
        var bytes = Fixtures.Format("000_971f75f910563c26.chromium.pdf");
        var error = Fails(bytes[..(int)(bytes.Length * keep)]);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }

    [Fact]
    public void Garbage_is_not_a_pdf()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        Assert.Contains("not a PDF", Fails(garbage).Reason);
        var headerOnly = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 500));
        Assert.Contains("damaged", Fails(headerOnly).Reason);
    }

    [Fact]
    public void More_pages_than_max_pages_is_an_error()
    {
        var error = Fails(Fixtures.Format("001_87709b1c34e14cd9.chromium.pdf"), IngestOptions.Default with { MaxPages = 2 });
        Assert.Contains("3 pages", error.Reason);
        Assert.Contains("max_pages", error.Reason);
    }

    [Fact]
    public void Corrupted_bytes_never_escape_as_exceptions()
    {
        var original = Fixtures.Format("000_971f75f910563c26.libreoffice.pdf");
        var random = new Random(20241123);
        for (int round = 0; round < 25; round++)
        {
            var bytes = (byte[])original.Clone();
            for (int k = 0; k < 40; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            // OCR off: this is about PdfPig on damaged bytes (a page whose fonts break would otherwise go to Tesseract, seconds each).
            var result = Reader.Read("mutated.pdf", bytes, IngestOptions.Default with { Ocr = OcrMode.Off });   // must return, ok or failed
            Assert.True(result.Success || !string.IsNullOrWhiteSpace(result.Error!.Reason));
        }
    }

    internal static byte[] Replace(byte[] bytes, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, out int count)
    {
        var copy = (byte[])bytes.Clone();
        count = 0;
        int start = 0;
        while (true)
        {
            int i = copy.AsSpan(start).IndexOf(from);
            if (i < 0) break;
            to.CopyTo(copy.AsSpan(start + i));
            count++;
            start += i + from.Length;
        }
        return copy;
    }
}

public sealed class TextPlausibilityTests
{
    [Theory]
    [InlineData("县科技局2021下半年工作计划:研发投入1533.7万元,同比增长48.1%。", 1.0)]
    [InlineData("縣科技局2021年工作總結:研發投入增長48.1%。", 1.0)]             // traditional characters
    [InlineData("Annual report: R&D spending rose 4.2% (¥1.5 bn).", 1.0)]
    [InlineData("\u0001\u0002\u0003\u0004", 0.0)]                                     // glyph ids as control characters
    [InlineData("ÃÂ¤¦§ ¨©ª«", 0.222)]                                                    // Latin-1 symbols: 2 of 9 (Ã, Â) are letters
    [InlineData("ぁぃぅ┌┐└┘", 0.0)]                                                     // kana and box drawing
    public void Share_of_plausible_characters(string text, double expected)
        => Assert.Equal(expected, TextPlausibility.Measure(text).Share, 3);
}
