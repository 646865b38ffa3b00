using ReportMiner.Ingest;
using UglyToad.PdfPig;

namespace ReportMiner.Tests.Ingest;

/// <summary>
/// Long PDFs are read page by page: the cleaner holds a bounded window of pages, PdfPig's font cache
/// is emptied between pages without changing the text, and running headers and footers are found
/// within the window.
/// </summary>
public sealed class PdfStreamingTests
{
    private static readonly PdfReportReader Reader = new();

    /// <summary>A body line; its words (not only its digits) differ from page to page, as body text does.</summary>
    private static string Body(int page, int line) => $"Item {Letters(page)} {Letters(line)} of the plan is done, said the bureau.";

    private static string Letters(int n) => n < 26 ? ((char)('a' + n)).ToString() : Letters(n / 26 - 1) + (char)('a' + n % 26);

    /// <summary>A page: a running header, body lines, and a page-number footer.</summary>
    private static string[] Page(int page, string header, int lines = 5)
        => [header, .. Enumerable.Range(1, lines).Select(l => Body(page, l)), $"@foot Page {page}"];

    [Fact]
    public void A_long_pdf_gives_every_body_line_in_order_without_headers_or_footers()
    {
        const int pages = 75;   // more than three windows
        var pdf = MiniPdf.TextPages([.. Enumerable.Range(1, pages).Select(p => Page(p, "Annual report of the county science bureau"))]);
        var result = Reader.Read("long.pdf", pdf, IngestOptions.Default);
        Assert.True(result.Success, result.Error?.Reason);
        var expected = string.Join("\n", Enumerable.Range(1, pages).SelectMany(p => Enumerable.Range(1, 5).Select(l => Body(p, l))));
        Assert.Equal(expected, result.Document!.Text);
        // Every page's text is in a region of that page.
        for (int p = 1; p <= pages; p++)
        {
            int at = result.Document.Text.IndexOf(Body(p, 3), StringComparison.Ordinal);
            Assert.Equal(p, result.Document.RegionAt(at)!.Page);
        }
    }

    [Fact]
    public void Reading_the_whole_pdf_gives_the_text_of_cleaning_its_pages_one_window_at_a_time()
    {
        var pdf = MiniPdf.TextPages([.. Enumerable.Range(1, 40).Select(p => Page(p, "County bureau", lines: 3 + p % 4))]);
        var pages = new List<PdfPageLines>();
        using (var document = PdfDocument.Open(pdf, new ParsingOptions { UseActualText = true, SkipMissingFonts = true }))
        {
            for (int n = 1; n <= document.NumberOfPages; n++)
            {
                var page = document.GetPage(n);
                pages.Add(new PdfPageLines(n, PdfLineExtractor.Extract(page), page.Height));
            }
        }
        var window = new PdfPageWindow(pages.Count);
        foreach (var page in pages) window.Add(page);
        var cleaned = window.Finish();
        var read = Reader.Read("x.pdf", pdf, IngestOptions.Default).Document!;
        Assert.Equal(cleaned.Text, read.Text);
        Assert.Equal(cleaned.Regions, read.Regions);
    }

    [Fact]
    public void The_window_never_holds_more_than_its_pages_and_gives_text_out_as_it_goes()
    {
        const int pages = 300;
        var window = new PdfPageWindow(pages);
        for (int n = 1; n <= pages; n++)
        {
            window.Add(new PdfPageLines(n, [new PdfLine("Header"), new PdfLine(Body(n, 1)), new PdfLine(Body(n, 2))]));
            Assert.True(window.MaxPagesHeld <= PdfPageWindow.MaxHeldPages);
            // At most a block and a window's reach wait for their text to be given out.
            Assert.True(n - window.PagesDone < PdfPageWindow.StepPages + PdfPageWindow.WindowPages, $"page {n}: {window.PagesDone} done");
        }
        var result = window.Finish();
        Assert.Equal(pages, window.PagesDone);
        Assert.Equal(PdfPageWindow.MaxHeldPages, window.MaxPagesHeld);
        Assert.DoesNotContain("Header", result.Text, StringComparison.Ordinal);
        Assert.Equal(pages * 2, result.Text.Split('\n').Length);
    }

    [Fact]
    public void A_running_header_that_changes_half_way_is_removed_in_both_halves()
    {
        // Over the whole document each header is on only half of the pages (under the 60% a running
        // header needs), but within each window one of them is on nearly every page.
        const int pages = 100;
        var window = new PdfPageWindow(pages);
        for (int n = 1; n <= pages; n++)
            window.Add(new PdfPageLines(n, [new PdfLine(n <= 50 ? "Part one: plans" : "Part two: results"), new PdfLine(Body(n, 1)), new PdfLine(Body(n, 2))]));
        var result = window.Finish();
        Assert.DoesNotContain("Part one", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Part two", result.Text, StringComparison.Ordinal);
        Assert.Equal(pages, result.RemovedLines.Count);
        Assert.Equal(string.Join("\n", Enumerable.Range(1, pages).SelectMany(n => new[] { Body(n, 1), Body(n, 2) })), result.Text);
    }

    [Fact]
    public void A_line_on_the_edge_of_a_few_pages_of_a_window_is_kept()
    {
        // "Chapter 2" opens three pages in a row; within any window that is under the repeat share.
        const int pages = 60;
        var window = new PdfPageWindow(pages);
        for (int n = 1; n <= pages; n++)
            window.Add(new PdfPageLines(n, n is >= 30 and <= 32 ? [new PdfLine("Chapter two begins here."), new PdfLine(Body(n, 1))] : [new PdfLine(Body(n, 1))]));
        var result = window.Finish();
        Assert.Equal(3, result.Text.Split('\n').Count(l => l == "Chapter two begins here."));
        Assert.Empty(result.RemovedLines);
    }

    [Fact]
    public void Emptying_PdfPigs_font_cache_between_pages_keeps_the_text()
    {
        // The pages share one resource dictionary: after the cache is emptied, the next page must load its font again.
        var pdf = MiniPdf.TextPages([.. Enumerable.Range(1, 6).Select(p => Page(p, "County bureau"))]);
        string Text(bool trim)
        {
            using var document = PdfDocument.Open(pdf, new ParsingOptions { UseActualText = true, SkipMissingFonts = true });
            var cache = PdfPigFontCache.Of(document);
            Assert.NotNull(cache);   // PdfPig's internals are the expected ones (fails after an upgrade that changes them)
            var text = new List<string>();
            for (int n = 1; n <= document.NumberOfPages; n++)
            {
                text.AddRange(PdfLineExtractor.Extract(document.GetPage(n)).Select(l => l.Text));
                Assert.Equal(1, cache.Count);
                if (trim) cache.Trim();
                Assert.Equal(trim ? 0 : 1, cache.Count);
            }
            Assert.Equal(trim ? 6 : 0, cache.Trims);
            return string.Join("\n", text);
        }
        var kept = Text(trim: false);
        Assert.Contains(Body(6, 5), kept, StringComparison.Ordinal);
        Assert.Equal(kept, Text(trim: true));
    }

    [Fact]
    public void The_window_refuses_more_or_fewer_pages_than_announced()
    {
        var window = new PdfPageWindow(1);
        Assert.Throws<InvalidOperationException>(() => new PdfPageWindow(2).Finish());
        window.Add(new PdfPageLines(1, [new PdfLine("a")]));
        Assert.Throws<InvalidOperationException>(() => window.Add(new PdfPageLines(2, [new PdfLine("b")])));
        Assert.Equal("a", window.Finish().Text);
    }
}
