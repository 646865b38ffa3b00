using System.Diagnostics;
using System.Globalization;
using ReportMiner.Config;
using ReportMiner.County;
using ReportMiner.Extract;
using ReportMiner.Ingest;
using ReportMiner.Normalise;
using ReportMiner.Numbers;
using ReportMiner.Pipeline;
using ReportMiner.Segment;
using ReportMiner.Structure;

namespace ReportMiner.Bench;

/// <summary>
/// `ReportMiner.Bench pipeline [--min-mb 20]`: ReportPipeline.Process over the corpus repeated to at
/// least --min-mb MB, single-threaded and on all cores, then a breakdown by stage (each stage
/// run alone over the same documents). In-process, so file I/O and output writing are excluded.
/// </summary>
public static class PipelineBench
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        double minMb = 20;
        for (int i = 0; i < args.Length; i++) if (args[i] == "--min-mb") minMb = double.Parse(args[++i], inv);
        var root = FindRoot();
        var config = PipelineConfig.Load(Path.Combine(root, "pipeline.yaml")).Config!;
        var pipeline = new ReportPipelineBuilder(config).Build();
        var files = Directory.GetFiles(Path.Combine(root, "corpus"), "*.txt", SearchOption.AllDirectories).Where(f => !f.Contains("/gold/")).Order(StringComparer.Ordinal).ToArray();
        var docs = new List<SourceDocument>();
        long bytes = 0;
        for (int copy = 0; bytes < minMb * 1e6; copy++)
            foreach (var f in files)
            {
                var b = File.ReadAllBytes(f);
                bytes += b.Length;
                docs.Add(new TxtReportReader().Read($"{copy}/{Path.GetFileName(f)}", b, IngestOptions.Default).Document!);
            }
        double mb = bytes / 1e6;
        Console.WriteLine($"pipeline bench (best of 3 rounds): {docs.Count} documents, {mb:0.0} MB UTF-8, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg")[..14]}");
        foreach (var d in docs.Take(50)) pipeline.Process(d);   // JIT warm-up

        // Seconds of one call; the bytes it allocated on this thread go to `allocated` (for the stage table).
        long allocated = 0;
        double Time(Action a)
        {
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            a();
            var t = sw.Elapsed.TotalSeconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - a0;
            return t;
        }
        double one = double.MaxValue;
        for (int r = 0; r < 3; r++) one = Math.Min(one, Time(() => { foreach (var d in docs) pipeline.Process(d); }));
        long processAllocated = allocated;
        double all = double.MaxValue;
        for (int r = 0; r < 3; r++) all = Math.Min(all, Time(() => Parallel.ForEach(docs, d => pipeline.Process(d))));
        var rulesOnly = new ReportPipelineBuilder(config).RulesOnly().Build();
        foreach (var d in docs.Take(50)) rulesOnly.Process(d);
        double oneRules = double.MaxValue;
        for (int r = 0; r < 3; r++) oneRules = Math.Min(oneRules, Time(() => { foreach (var d in docs) rulesOnly.Process(d); }));
        Console.WriteLine($"Process, 1 thread : {mb / one,6:0.00} MB/s ({one:0.00} s); rules alone (no classifier) {mb / oneRules:0.00} MB/s ({oneRules:0.00} s)");
        Console.WriteLine($"Process, {Environment.ProcessorCount} threads: {mb / all,6:0.00} MB/s ({all:0.00} s), speed-up {one / all:0.00}x");

        // Stage by stage (1 thread).
        var normalizer = new TextNormalizer(config.Normalise, TraditionalToSimplified.Load(config.Resolve(config.Normalise.TraditionalTable!)));
        var tokenizer = JiebaTokenizer.Load(config.SegmenterOptions());
        var cues = config.Extraction.Cues;
        var splitter = new ReportSplitter(new StructureOptions(cues.PlanHeadings, cues.SummaryHeadings, cues.ProblemHeadings, cues.PlanTitles));
        var rules = new RuleExtractor(config.Extraction);
        var county = ReportPipelineBuilder.GazetteerPath(config) is { } g ? (ICountyResolver)GazetteerCountyResolver.Load(g) : new PatternCountyResolver();
        var normalized = new List<string>();
        var tNorm = Time(() => { foreach (var d in docs) normalized.Add(normalizer.Normalize(d.Text).Text); });
        long aNorm = allocated;
        var tokens = new List<(int, int)>();
        var tTok = Time(() => { foreach (var t in normalized) { tokens.Clear(); tokenizer.Tokenize(t, tokens); } });
        long aTok = allocated;
        var tScan = Time(() => { foreach (var t in normalized) QuantityScanner.Scan(t); });
        long aScan = allocated;
        var tSplit = Time(() => { foreach (var t in normalized) splitter.Split(t); });
        long aSplit = allocated;
        var tRules = Time(() =>
        {
            foreach (var t in normalized)
            {
                var q = QuantityScanner.Scan(t);
                var lower = t.ToLowerInvariant();
                foreach (var r in splitter.Split(t)) rules.Candidates(t, lower, q, r, null);
            }
        }) - tScan - tSplit;
        long aRules = allocated - aScan - aSplit;
        var tCounty = Time(() => { for (int i = 0; i < normalized.Count; i++) county.Resolve(docs[i].Id, docs[i].Sha256, null, null, normalized[i]); });
        long aCounty = allocated;
        Console.WriteLine($"Process allocates {processAllocated / bytes:0.0} bytes per input byte (1 thread)");
        Console.WriteLine("stage alone, 1 thread (seconds, share of Process, bytes allocated per input byte):");
        foreach (var (name, t, a) in new[] { ("normalise", tNorm, aNorm), ("segment (jieba)", tTok, aTok), ("scan figures", tScan, aScan), ("split reports", tSplit, aSplit), ("rules", tRules, aRules), ("county", tCounty, aCounty) })
            Console.WriteLine($"  {name,-16} {t,6:0.00} s  {100 * t / one,5:0}%  {(double)a / bytes,6:0.0} B/B");
        return 0;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportMiner.sln"))) return dir.FullName;
        throw new InvalidOperationException("ReportMiner.sln not found");
    }
}
