using System.Diagnostics;
using System.Globalization;
using ReportMiner.Ingest;

namespace ReportMiner.Bench;

/// <summary>
/// Ingestion benchmark (<c>make bench-ingest</c>): the fidelity of every format fixture against its
/// source txt, then throughput (PDF pages/s, DOCX MB/s) on the fixtures read repeatedly after a JIT
/// warm-up, then a long PDF against <c>pdftotext</c> (<see cref="LongPdfBench"/>). Usage:
/// <c>ReportMiner.Bench ingest [--root DIR] [--seconds N] [--dump DIR] [--long-pages N] [--breakdown-pages N] [--no-long]</c>.
/// </summary>
internal static class IngestBench
{
    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string root = FindRoot();
        double seconds = 3;
        string? dump = null;
        int longPages = 2000, breakdownPages = 600;
        bool runLong = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--root": root = args[++i]; break;
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--dump": dump = args[++i]; break;
                case "--long-pages": longPages = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--breakdown-pages": breakdownPages = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--no-long": runLong = false; break;
                default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
            }
        }

        var formats = Path.Combine(root, "tests", "fixtures", "formats");
        var corpus = Path.Combine(root, "corpus");
        if (!Directory.Exists(formats)) { Console.Error.WriteLine($"no fixtures at {formats} (run from the repo root or pass --root)"); return 2; }

        var registry = ReaderRegistry.CreateDefault();
        var options = IngestOptions.Default;
        var files = Directory.GetFiles(formats).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

        Console.WriteLine("## Fidelity (1 - Levenshtein/len, whitespace removed, against corpus/<stem>.txt, or else the text of <stem>.docx)");
        Console.WriteLine();
        Console.WriteLine("| fixture | format | chars | lines | similarity | note |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | --- |");
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var result = registry.Read(name, File.ReadAllBytes(file), Path.GetExtension(file), options);
            var stem = name.Split('.')[0];
            var sourcePath = Path.Combine(corpus, stem + ".txt");
            var docxTwin = Path.Combine(formats, stem + ".docx");
            string? sourceText = File.Exists(sourcePath) ? File.ReadAllText(sourcePath) : null;
            if (sourceText is null && File.Exists(docxTwin) && docxTwin != file)
            {
                // No source txt (table-sample): compare with the DOCX the file was made from.
                var twin = registry.Read(stem + ".docx", File.ReadAllBytes(docxTwin), ".docx", options);
                if (twin.Success) sourceText = twin.Document!.Text;
            }
            if (!result.Success)
            {
                Console.WriteLine($"| {name} | — | — | — | — | error: {result.Error!.Stage}: {result.Error.Reason} |");
                continue;
            }
            var doc = result.Document!;
            if (dump is not null) { Directory.CreateDirectory(dump); File.WriteAllText(Path.Combine(dump, name + ".txt"), doc.Text); }
            int lines = doc.Text.Split('\n').Count(l => l.Trim().Length > 0);
            if (sourceText is { } source)
            {
                double sim = TextSimilarity.Of(source, doc.Text);
                var srcLineList = source.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
                var srcLines = srcLineList.ToHashSet(StringComparer.Ordinal);
                int same = doc.Text.Split('\n').Select(l => l.Trim()).Count(l => l.Length > 0 && srcLines.Contains(l));
                Console.WriteLine($"| {name} | {doc.Format} | {doc.Text.Length} | {lines} | {sim:P2} | {same}/{lines} lines identical to a source line ({srcLineList.Count} lines in source) |");
            }
            else
            {
                Console.WriteLine($"| {name} | {doc.Format} | {doc.Text.Length} | {lines} | — | no source txt; {doc.Regions.Count} regions |");
            }
        }
        Console.WriteLine();

        var pdfs = files.Where(f => f.EndsWith(".pdf", StringComparison.Ordinal)).Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f))).ToArray();
        var docxs = files.Where(f => f.EndsWith(".docx", StringComparison.Ordinal)).Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f))).ToArray();
        var pdfReader = new PdfReportReader();
        var docxReader = new DocxReportReader();

        int PagesOf((string Name, byte[] Bytes) f)
        {
            var r = pdfReader.Read(f.Name, f.Bytes, options);
            if (!r.Success) throw new InvalidOperationException($"{f.Name}: {r.Error!.Reason}");
            return r.Document!.Regions.Select(x => x.Page).Distinct().Count();
        }

        Console.WriteLine($"## Throughput (single thread, {Environment.ProcessorCount} cores, .NET {Environment.Version}, after JIT warm-up; wall = median round, CPU = process CPU time per round; rounds over ~{seconds:0.#} s)");
        Console.WriteLine();
        int[] pageCounts = pdfs.Select(PagesOf).ToArray();
        for (int w = 0; w < 3; w++) foreach (var f in pdfs) PagesOf(f);   // JIT tiering warm-up
        var (pdfRound, pdfCpu) = Median(seconds, () => { foreach (var f in pdfs) pdfReader.Read(f.Name, f.Bytes, options); });
        int pagesPerRound = pageCounts.Sum();
        Console.WriteLine($"PDF : {pagesPerRound / pdfRound:0.0} pages/s wall, {pagesPerRound / pdfCpu:0.0} pages per CPU-second ({pdfs.Length} fixtures, {pagesPerRound} pages per round, {pdfRound * 1000 / pagesPerRound:0.0} ms/page)");
        for (int i = 0; i < pdfs.Length; i++)
        {
            var f = pdfs[i];
            var (t, c) = Median(Math.Max(0.3, seconds / pdfs.Length), () => pdfReader.Read(f.Name, f.Bytes, options));
            Console.WriteLine($"      {f.Name,-50} {pageCounts[i] / t,7:0.0} pages/s wall, {pageCounts[i] / c,7:0.0} per CPU-s  ({f.Bytes.Length / 1024} KB, {pageCounts[i]} pages)");
        }

        for (int w = 0; w < 5; w++) foreach (var f in docxs) docxReader.Read(f.Name, f.Bytes, options);
        var (docxRound, docxCpu) = Median(seconds, () => { foreach (var f in docxs) docxReader.Read(f.Name, f.Bytes, options); });
        double mbPerRound = docxs.Sum(f => (double)f.Bytes.Length) / (1024 * 1024);
        Console.WriteLine($"DOCX: {mbPerRound / docxRound:0.00} MB/s wall, {mbPerRound / docxCpu:0.00} MB per CPU-second ({docxs.Length} fixtures, {mbPerRound * 1024:0} KB per round, {docxRound * 1000 / docxs.Length:0.00} ms/file)");
        if (runLong) LongPdfBench.Run(root, longPages, breakdownPages);
        return 0;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportMiner.sln"))) return dir.FullName;
        return ".";
    }

    // Runs the action repeatedly for about `seconds`: the median wall time of a round (robust to a
    // busy machine) and the mean process CPU time of a round (less sensitive to other processes).
    private static (double Wall, double Cpu) Median(double seconds, Action action)
    {
        var times = new List<double>();
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var total = Stopwatch.StartNew();
        do
        {
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalSeconds);
        } while (total.Elapsed.TotalSeconds < seconds || times.Count < 5);
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds / times.Count;
        times.Sort();
        return (times[times.Count / 2], cpu);
    }
}
