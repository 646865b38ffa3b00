using System.Text;
using System.Text.Json;

namespace ReportMiner.Cli.Tests;

/// <summary><c>extract --text</c> prints the text that <c>normalised_span</c> indexes; <c>source_span</c> indexes the file.</summary>
public class ExtractTextTests
{
    [Fact]
    public async Task Extract_text_prints_the_normalised_text_the_spans_index()
    {
        // A corpus report written as an archive might hold it: CRLF line breaks, full-width digits after the header.
        var original = await File.ReadAllTextAsync(Repo.Path("corpus", "001_87709b1c34e14cd9.txt"));
        var lines = original.Split('\n');
        for (int i = 4; i < lines.Length; i++)
            lines[i] = string.Concat(lines[i].Select(c => c is >= '0' and <= '9' ? (char)(c + 0xFEE0) : c));
        var written = string.Join("\r\n", lines);
        var dir = Repo.NewTempDir();
        var file = Path.Combine(dir, "report.txt");
        await File.WriteAllTextAsync(file, written, new UTF8Encoding(false));
        var config = Repo.Path("pipeline.yaml");

        var (exit, text, stderr) = await Cli.RunAsync("extract", "--text", file, "--config", config);
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain(text, c => c is >= '\uFF10' and <= '\uFF19');   // full-width digits normalised

        var (exit2, jsonl, _) = await Cli.RunAsync("extract", file, "--config", config);
        Assert.Equal(0, exit2);
        int mentions = 0, fullWidth = 0;
        foreach (var line in jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var m = doc.RootElement;
            var raw = m.GetProperty("raw").GetString()!;
            var ns = m.GetProperty("normalised_span");
            var ss = m.GetProperty("source_span");
            var normalised = text[ns[0].GetInt32()..ns[1].GetInt32()];
            // The normalised figure is the raw one with full-width digits made half-width (no line of this report is joined inside a figure).
            Assert.Equal(string.Concat(raw.Select(c => c is >= '\uFF10' and <= '\uFF19' ? (char)(c - 0xFEE0) : c)), normalised);
            // The file holds raw at source_span (no character outside the BMP here: code points = UTF-16 units).
            Assert.Equal(raw, written[ss[0].GetInt32()..ss[1].GetInt32()]);
            Assert.Equal(m.GetProperty("span").ToString(), ns.ToString());
            mentions++;
            if (raw != normalised) fullWidth++;
        }
        Assert.True(mentions > 5, $"{mentions} mentions");
        Assert.True(fullWidth > 0, "no mention written in full-width digits");
    }

    [Fact]
    public async Task Run_lists_byte_identical_copies_and_counts_them_in_its_summary()
    {
        var input = Repo.NewTempDir();
        File.Copy(Repo.Path("corpus", "001_87709b1c34e14cd9.txt"), Path.Combine(input, "a.txt"));
        File.Copy(Repo.Path("corpus", "001_87709b1c34e14cd9.txt"), Path.Combine(input, "b.txt"));
        var outDir = Repo.NewTempDir();
        var (exit, stdout, stderr) = await Cli.RunAsync("run", "--input", input, "--out", outDir, "--config", Repo.Path("pipeline.yaml"), "--quiet");
        Assert.Equal(0, exit);
        Assert.Contains("duplicate: b.txt: same bytes as a.txt", stderr);
        Assert.Contains("2 files (0 cached)", stdout);
        Assert.Contains(", 1 duplicates in ", stdout);
    }
}
