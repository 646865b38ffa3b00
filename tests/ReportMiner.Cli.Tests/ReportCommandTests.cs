using System.Diagnostics;
using System.IO.Compression;
using AngleSharp.Html.Parser;

namespace ReportMiner.Cli.Tests;

/// <summary>A fact that runs only where Chromium is installed, and is reported as skipped elsewhere.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ReportCommandTests.Chromium() is null)
            Skip = "skipped: chromium not installed (apt-get install chromium to run it)";
    }
}

/// <summary><c>run</c> writes OUT/report.html; <c>report</c> writes the same bytes from the folder; Chromium renders it offline.</summary>
[ReportMiner.Testing.StartsEarly]
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _root = Repo.NewTempDir();

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static readonly string[] Samples = ["001_87709b1c34e14cd9.txt", "web/w005.txt", "web/w020.txt"];

    /// <summary>Runs three corpus reports into a fresh folder; returns it.</summary>
    private async Task<string> RunSamples(string name = "out")
    {
        var input = Path.Combine(_root, "in");
        if (!Directory.Exists(input))
        {
            Directory.CreateDirectory(input);
            foreach (var s in Samples) File.Copy(Repo.Path("corpus", s), Path.Combine(input, s.Replace('/', '_')));
        }
        var output = Path.Combine(_root, name);
        var (exit, _, err) = await Cli.RunAsync("run", "--input", input, "--out", output, "--config", Repo.Path("pipeline.yaml"), "--quiet", "--force");
        Assert.True(exit == 0, err);
        return output;
    }

    [Fact]
    public async Task Run_writes_the_report_and_the_verb_writes_the_same_bytes()
    {
        var output = await RunSamples();
        var html = Path.Combine(output, "report.html");
        Assert.True(File.Exists(html));
        var to = Path.Combine(_root, "again.html");
        var (exit, stdout, err) = await Cli.RunAsync("report", "--from", output, "--to", to, "--config", Repo.Path("pipeline.yaml"));
        Assert.True(exit == 0, err);
        Assert.StartsWith("wrote " + to, stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(html), File.ReadAllBytes(to));

        // A second run into another folder: the same bytes (nothing depends on time or paths).
        var second = await RunSamples("out2");
        Assert.Equal(File.ReadAllBytes(html), File.ReadAllBytes(Path.Combine(second, "report.html")));

        // One section per county file, each with a chart per indicator of its table.
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(html));
        var sections = doc.QuerySelectorAll("section.county");
        Assert.Equal(Directory.GetFiles(Path.Combine(output, "counties"), "*.json").Length, sections.Length);
        foreach (var section in sections)
        {
            var rows = section.QuerySelectorAll("table.values tbody th").Select(th => th.ChildNodes[0].TextContent.Trim()).Distinct().ToList();
            var charts = section.QuerySelectorAll("figure.chart").Select(f => f.GetAttribute("data-indicator")!).ToList();
            Assert.Equal(rows, charts);
        }
        Assert.All(doc.QuerySelectorAll("a[href]"), a => Assert.NotNull(doc.GetElementById(a.GetAttribute("href")!.TrimStart('#'))));
    }

    [Fact]
    public async Task Bad_arguments_give_one_line()
    {
        var (exit, _, err) = await Cli.RunAsync("report", "--from", Path.Combine(_root, "missing"));
        Assert.Equal(2, exit);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("not an output folder", err, StringComparison.Ordinal);

        var output = await RunSamples();
        (exit, _, err) = await Cli.RunAsync("report", "--from", output, "--to", _root);
        Assert.Equal(2, exit);
        Assert.Contains("is a folder", err, StringComparison.Ordinal);
        (exit, _, err) = await Cli.RunAsync("report", "--from", output, "--to", Path.Combine(_root, "no", "such", "r.html"));
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", err, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(output, "counties", "broken.json"), "{");
        (exit, _, err) = await Cli.RunAsync("report", "--from", output, "--to", Path.Combine(_root, "r.html"));
        Assert.Equal(1, exit);
        Assert.Contains("broken.json: not a county file", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
    }

    [ChromiumFact]
    public async Task Chromium_renders_it_offline_without_console_errors()
    {
        var output = await RunSamples();
        var html = Path.Combine(output, "report.html");
        var png = Path.Combine(_root, "shot.png");
        // No name resolves: anything the page tried to fetch would fail and be logged.
        var psi = new ProcessStartInfo(Chromium()!)
        {
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + Path.Combine(_root, "profile"),
                "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0", "--window-size=1200,900",
                "--virtual-time-budget=3000", "--screenshot=" + png, new Uri(html).AbsoluteUri,
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var chromium = Process.Start(psi)!;
        var stderr = chromium.StandardError.ReadToEndAsync();
        var stdout = chromium.StandardOutput.ReadToEndAsync();
        if (!chromium.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            chromium.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish in 3 minutes");
        }
        var log = await stderr + await stdout;
        Assert.True(File.Exists(png), "no screenshot; chromium said: " + log);
        // Console messages (errors included) and failed loads appear in the log as CONSOLE lines.
        var console = log.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal) || l.Contains("Failed to load resource", StringComparison.Ordinal)).ToList();
        Assert.True(console.Count == 0, string.Join("\n", console));
        var (width, height, distinct, inked) = PngStats(File.ReadAllBytes(png));
        Assert.Equal((1200, 900), (width, height));
        Assert.True(distinct > 20, $"screenshot has {distinct} colours: blank?");
        Assert.True(inked > width * height / 100, $"only {inked} pixels differ from the background");
    }

    /// <summary>The Chromium executable, or null.</summary>
    internal static string? Chromium()
    {
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }

    /// <summary>Width, height, number of distinct colours and pixels unlike the top-left one, of an 8-bit RGB(A) PNG.</summary>
    private static (int Width, int Height, int Distinct, int Inked) PngStats(byte[] png)
    {
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int pos = 8; pos < png.Length;)
        {
            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data);
                height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"PNG colour type {data[9]}") };
            }
            else if (type == "IDAT") idat.Write(data);
            pos += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        int stride = width * channels;
        var previous = new byte[stride];
        var row = new byte[stride];
        var colours = new HashSet<int>();
        int inked = 0, background = -1;
        for (int y = 0; y < height; y++)
        {
            int filter = z.ReadByte();
            z.ReadExactly(row);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? row[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => pa <= pb && pa <= pc ? a : pb <= pc ? b : c,
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                };
                row[i] = unchecked((byte)(row[i] + predictor));
            }
            for (int x = 0; x < width; x++)
            {
                int rgb = (row[x * channels] << 16) | (row[x * channels + 1] << 8) | row[x * channels + 2];
                if (background < 0) background = rgb;
                colours.Add(rgb);
                if (rgb != background) inked++;
            }
            (previous, row) = (row, previous);
        }
        return (width, height, colours.Count, inked);
    }
}
