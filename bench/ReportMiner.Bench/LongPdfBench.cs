using System.Diagnostics;
using System.Globalization;
using ReportMiner.Ingest;
using UglyToad.PdfPig;

namespace ReportMiner.Bench;

/// <summary>
/// The long-PDF part of <c>make bench-ingest</c>: a PDF of about 2,000 pages (built on demand by
/// <c>tools/make-long-pdf.sh</c>) read by <c>PdfReportReader</c> in a child process and by poppler's
/// <c>pdftotext</c> in the same invocation, each under GNU time (CPU user+sys, peak RSS); then, on a
/// shorter PDF, where the reader's CPU goes (PdfPig's bare letter extraction against our whole path).
/// The child verbs are <c>ingest-read FILE</c> and <c>ingest-breakdown FILE</c>.
/// </summary>
internal static class LongPdfBench
{
    public static void Run(string root, int pages, int breakdownPages)
    {
        Console.WriteLine();
        Console.WriteLine($"## Long PDF ({pages} pages; {Environment.ProcessorCount} cores, load average {LoadAverage()})");
        Console.WriteLine();
        if (!File.Exists("/usr/bin/time")) { Console.WriteLine("skipped: GNU time (/usr/bin/time) is not installed (Debian: apt-get install time)"); return; }
        if (Build(root, pages) is not { } pdf) return;
        var self = typeof(LongPdfBench).Assembly.Location;
        Console.WriteLine($"file: {Path.GetRelativePath(root, pdf)} ({new FileInfo(pdf).Length / 1048576.0:0.0} MB)");
        Console.WriteLine();
        Console.WriteLine("| reader | CPU user+sys | pages per CPU-second | peak RSS |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        var poppler = Timed("pdftotext", ["-enc", "UTF-8", pdf, Path.Combine(Path.GetTempPath(), $"reportminer-bench-{Environment.ProcessId}.txt")]);
        File.Delete(Path.Combine(Path.GetTempPath(), $"reportminer-bench-{Environment.ProcessId}.txt"));
        var ours = Timed("dotnet", [self, "ingest-read", pdf]);
        if (poppler is { } p) Console.WriteLine($"| pdftotext (poppler) | {p.Cpu:0.00} s | {pages / p.Cpu:0} | {p.RssMb:0} MB |");
        else Console.WriteLine("| pdftotext | — | — | not found (Debian: apt-get install poppler-utils) |");
        if (ours is { } o)
        {
            Console.WriteLine($"| PdfReportReader, whole child process | {o.Cpu:0.00} s | {pages / o.Cpu:0} | {o.RssMb:0} MB |");
            if (o.Output.Split('\n').FirstOrDefault(l => l.StartsWith("read-cpu ", StringComparison.Ordinal)) is { } line
                && double.TryParse(line.Split(' ')[1], CultureInfo.InvariantCulture, out var readCpu))
                Console.WriteLine($"| PdfReportReader.Read alone (no start-up, no JIT of the reader: measured in the child) | {readCpu:0.00} s | {pages / readCpu:0} | — |");
        }
        var cli = Path.Combine(root, "bin", "reportminer");
        if (File.Exists(cli) && Timed(cli, ["extract", pdf]) is { } e)
            Console.WriteLine($"| `bin/reportminer extract` (the whole pipeline, for reference) | {e.Cpu:0.00} s | {pages / e.Cpu:0} | {e.RssMb:0} MB |");
        else Console.WriteLine("| `bin/reportminer extract` | — | — | not built (make build) |");

        if (Build(root, breakdownPages) is not { } small) return;
        Console.WriteLine();
        Console.WriteLine($"Where the reader's CPU goes ({breakdownPages}-page PDF from the same script, one child process, least CPU of 3 passes each after a warm-up; load average {LoadAverage()}):");
        if (Timed("dotnet", [self, "ingest-breakdown", small]) is { } b) Console.Write(b.Output);
    }

    /// <summary>The child: reads the PDF once after warming the reader up on a fixture; prints the Read call's CPU.</summary>
    public static int Read(string[] args)
    {
        var options = IngestOptions.Default;
        var reader = new PdfReportReader();
        var warm = Path.Combine(FindRoot(), "tests", "fixtures", "formats", "001_87709b1c34e14cd9.chromium.pdf");
        if (File.Exists(warm)) reader.Read("warm.pdf", File.ReadAllBytes(warm), options);
        var bytes = File.ReadAllBytes(args[0]);
        var cpu = Cpu();
        var result = reader.Read(Path.GetFileName(args[0]), bytes, options);
        double used = Cpu() - cpu;
        if (!result.Success) { Console.Error.WriteLine(result.Error!.Reason); return 1; }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read-cpu {used:0.000} chars {result.Document!.Text.Length}"));
        return 0;
    }

    /// <summary>The child: CPU of each part of the PDF path, pass by pass over the same file.</summary>
    public static int Breakdown(string[] args)
    {
        var bytes = File.ReadAllBytes(args[0]);
        var options = IngestOptions.Default;
        var reader = new PdfReportReader();
        reader.Read("warm.pdf", bytes, options);   // JIT and caches warm
        int pages;
        using (var d = PdfDocument.Open(bytes)) pages = d.NumberOfPages;

        // The least CPU of three passes: the machine is shared, and other processes only ever add time.
        double Pass(Action action)
        {
            double best = double.MaxValue;
            for (int round = 0; round < 3; round++)
            {
                var c = Cpu();
                action();
                best = Math.Min(best, Cpu() - c);
            }
            return best;
        }
        double Letters(bool actualText) => Pass(() =>
        {
            using var document = PdfDocument.Open(bytes, new ParsingOptions { UseActualText = actualText, SkipMissingFonts = true });
            var fonts = PdfPigFontCache.Of(document);
            for (int n = 1; n <= document.NumberOfPages; n++)
            {
                _ = document.GetPage(n).Letters.Count;
                if (n % PdfPigFontCache.TrimEveryPages == 0) fonts?.TrimIfLarge();
            }
        });
        double guard = Pass(() => PdfStreamGuard.Check(bytes, options.MaxDecompressedBytes, options.MaxStreamOperators));
        double bare = Letters(actualText: false);
        double actual = Letters(actualText: true);
        double lines = Pass(() =>
        {
            using var document = PdfDocument.Open(bytes, new ParsingOptions { UseActualText = true, SkipMissingFonts = true });
            var fonts = PdfPigFontCache.Of(document);
            for (int n = 1; n <= document.NumberOfPages; n++)
            {
                _ = PdfLineExtractor.Extract(document.GetPage(n));
                if (n % PdfPigFontCache.TrimEveryPages == 0) fonts?.TrimIfLarge();
            }
        });
        double whole = Pass(() => reader.Read("x.pdf", bytes, options));
        var inv = CultureInfo.InvariantCulture;
        void Row(string what, double cpu) => Console.WriteLine(string.Create(inv, $"  {what,-72} {cpu,7:0.00} CPU-s {pages / cpu,6:0} pages/CPU-s"));
        Row("PdfStreamGuard (inflates every Flate stream once, counts operators)", guard);
        Row("PdfPig open + GetPage(n).Letters, UseActualText off", bare);
        Row("PdfPig open + GetPage(n).Letters, UseActualText on", actual);
        Row("  + PdfLineExtractor (lines in content order with geometry)", lines);
        Row("PdfReportReader.Read (guard, PdfPig, lines, window cleaning, checks)", whole);
        Console.WriteLine(string.Create(inv, $"  => PdfPig's own letter extraction is {actual / whole:P0} of the reader's CPU, the guard {guard / whole:P0}, our lines, window cleaning and checks the rest ({Math.Max(0, whole - actual - guard) / whole:P0})"));
        return 0;
    }

    private static string? Build(string root, int pages)
    {
        var script = Path.Combine(root, "tools", "make-long-pdf.sh");
        var psi = new ProcessStartInfo("bash", [script, pages.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 0) return Path.Combine(root, stdout.Result.Split(' ')[0]);
        Console.WriteLine(process.ExitCode == 3
            ? $"skipped: {stderr.Trim()}"
            : $"skipped: tools/make-long-pdf.sh failed (exit {process.ExitCode}): {stderr.Trim()}");
        return null;
    }

    private sealed record Measured(double Cpu, double RssMb, string Output);

    /// <summary>Runs a program under GNU time: CPU user+sys, peak RSS and its standard output; null when it cannot run or fails.</summary>
    private static Measured? Timed(string program, string[] args)
    {
        var timeFile = Path.GetTempFileName();
        try
        {
            var psi = new ProcessStartInfo("/usr/bin/time", ["-f", "%U %S %M", "-o", timeFile, program, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) { Console.WriteLine($"  ({program} failed, exit {process.ExitCode}: {stderr.Result.Trim().Split('\n')[^1]})"); return null; }
            var f = File.ReadAllText(timeFile).Trim().Split('\n')[^1].Split(' ');
            var inv = CultureInfo.InvariantCulture;
            return new Measured(double.Parse(f[0], inv) + double.Parse(f[1], inv), double.Parse(f[2], inv) / 1024, stdout);
        }
        finally { File.Delete(timeFile); }
    }

    private static double Cpu()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalSeconds;
    }

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportMiner.sln"))) return dir.FullName;
        return ".";
    }
}
