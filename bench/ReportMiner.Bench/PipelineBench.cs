using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReportMiner.Classify;
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
/// least --min-mb MB, single-threaded and on all cores; the classifier's share, as the difference
/// of Process with and without it and as its Decide timed alone, under the shipped model and the
/// same heads at recover threshold 0.5 (every proposal scored); then a breakdown by stage (each
/// stage run alone over the same documents) and of the classifier's parts. In-process, so file
/// I/O and output writing are excluded.
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

        // Seconds of one call; the bytes it allocated on this thread go to `allocated` (for the stage table),
        // the process CPU seconds it took to `cpu` (less sensitive than wall time to other processes on a shared machine).
        long allocated = 0;
        double cpu = 0;
        var self = Process.GetCurrentProcess();
        double Time(Action a)
        {
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            self.Refresh();
            var c0 = self.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            a();
            var t = sw.Elapsed.TotalSeconds;
            self.Refresh();
            cpu = (self.TotalProcessorTime - c0).TotalSeconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - a0;
            return t;
        }
        var rulesOnly = new ReportPipelineBuilder(config).RulesOnly().Build();
        foreach (var d in docs.Take(50)) rulesOnly.Process(d);
        // The same heads deciding with recover threshold 0.5: every eligible candidate is scored on
        // every proposal (the policy where the model may name figures the rules did not).
        ReportPipeline? recover = null;
        if (RecoverModel(config, 0.5) is { } recoverModel)
        {
            try
            {
                var tokenizer0 = JiebaTokenizer.Load(config.SegmenterOptions());
                recover = new ReportPipelineBuilder(config).WithTokenizer(tokenizer0)
                    .WithClassifier(MlMentionClassifier.Load(recoverModel, config.Extraction, tokenizer0)).Build();
            }
            finally { File.Delete(recoverModel); }
            foreach (var d in docs.Take(50)) recover.Process(d);
        }
        // 1 thread: the three pipelines in turn, 5 rounds (the machine's load drifts); best wall and best CPU of each.
        var pipelines = new[] { pipeline, rulesOnly, recover };
        var wall = new double[3];
        var cpus = new double[3];
        Array.Fill(wall, double.MaxValue);
        Array.Fill(cpus, double.MaxValue);
        long processAllocated = 0;
        for (int r = 0; r < 5; r++)
            for (int k = 0; k < 3; k++)
            {
                if (pipelines[k] is not { } p) continue;
                wall[k] = Math.Min(wall[k], Time(() => { foreach (var d in docs) p.Process(d); }));
                cpus[k] = Math.Min(cpus[k], cpu);
                if (k == 0) processAllocated = allocated;
            }
        double one = wall[0], oneRules = wall[1];
        double all = double.MaxValue;
        for (int r = 0; r < 3; r++) all = Math.Min(all, Time(() => Parallel.ForEach(docs, d => pipeline.Process(d))));
        Console.WriteLine($"Process, 1 thread : {mb / one,6:0.00} MB/s ({one:0.00} s, CPU {cpus[0]:0.00} s); rules alone (no classifier) {mb / oneRules:0.00} MB/s ({oneRules:0.00} s, CPU {cpus[1]:0.00} s)");
        Console.WriteLine($"Process, {Environment.ProcessorCount} threads: {mb / all,6:0.00} MB/s ({all:0.00} s), speed-up {one / all:0.00}x");
        Console.WriteLine($"classifier share as the difference of Process with and without it (1 thread, least CPU of 5 interleaved rounds): shipped model (recover threshold {ShippedRecover(config)}) {100 * (cpus[0] - cpus[1]) / cpus[0]:0}% of CPU, {100 * (one - oneRules) / one:0}% of wall"
            + (recover is null ? "" : $"; recover threshold 0.5 {100 * (cpus[2] - cpus[1]) / cpus[2]:0}% of CPU, {100 * (wall[2] - oneRules) / wall[2]:0}% of wall ({mb / wall[2]:0.00} MB/s)"));

        // The classifier alone: Decide over the rules' candidates of every report (what Process hands it),
        // timed in turn with the rules-only Process, 5 rounds, least CPU of each. Its share of a run
        // with it is Decide / (rules-only Process + Decide).
        var decided = docs.Select(d => rulesOnly.Process(d)).SelectMany(r => r.Reports.Select(x => (r.Normalized.Text, x.Report, x.Candidates))).ToList();
        var modelPath = config.Resolve(config.Classifier.Model!);
        var decideTokenizer = JiebaTokenizer.Load(config.SegmenterOptions());
        var classifiers = new List<(string Name, MlMentionClassifier Classifier)> { ("shipped model (recover threshold " + ShippedRecover(config) + (ShippedRecover(config) == "never" ? ": the rules' own proposal)" : ": every proposal of every eligible figure)"), MlMentionClassifier.Load(modelPath, config.Extraction, decideTokenizer)) };
        if (RecoverModel(config, 0.5) is { } recoverPath)
        {
            try { classifiers.Add(("the same heads, recover threshold 0.5 (every proposal of every eligible figure)", MlMentionClassifier.Load(recoverPath, config.Extraction, decideTokenizer))); }
            finally { File.Delete(recoverPath); }
        }
        foreach (var (_, c) in classifiers) foreach (var (t, rep, cs) in decided.Take(200)) c.Decide(t, rep, cs);
        double rulesCpu = double.MaxValue;
        var decideCpu = classifiers.Select(_ => double.MaxValue).ToArray();
        for (int r = 0; r < 5; r++)
        {
            Time(() => { foreach (var d in docs) rulesOnly.Process(d); });
            rulesCpu = Math.Min(rulesCpu, cpu);
            for (int k = 0; k < classifiers.Count; k++)
            {
                var c = classifiers[k].Classifier;
                Time(() => { foreach (var (t, rep, cs) in decided) c.Decide(t, rep, cs); });
                decideCpu[k] = Math.Min(decideCpu[k], cpu);
            }
        }
        Console.WriteLine($"classifier alone (Decide over {decided.Sum(x => x.Candidates.Count)} candidates of {decided.Count} reports; least CPU of 5 rounds, interleaved with rules-only Process at {rulesCpu:0.00} CPU-s):");
        for (int k = 0; k < classifiers.Count; k++)
            Console.WriteLine($"  {classifiers[k].Name}: {decideCpu[k]:0.00} CPU-s = {100 * decideCpu[k] / (rulesCpu + decideCpu[k]):0.0}% of a run's CPU");

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

        // The classifier's parts on the full scoring path (every proposal of every eligible candidate), 1 thread.
        var reports = new List<(string Text, string Lower, Report Report, List<Candidate> Candidates)>();
        foreach (var t in normalized)
        {
            var q = QuantityScanner.Scan(t);
            var lower = t.ToLowerInvariant();
            var lowerAscii = ReportMiner.Language.LatinCase.LowerAscii(t);
            foreach (var r in splitter.Split(t))
                reports.Add((t, lowerAscii, r, rules.Candidates(t, lower, q, r, null).Where(MlMentionClassifier.IsEligible).ToList()));
        }
        var finder = new ProposalFinder(rules.Matcher);
        var words = config.Extraction.Features;
        int eligible = reports.Sum(r => r.Candidates.Count);
        var hitsOf = new List<List<TriggerHit>>();
        var tHits = Time(() =>
        {
            hitsOf.Clear();
            foreach (var (_, lower, _, cs) in reports)
                foreach (var c in cs) hitsOf.Add(finder.Hits(lower, c.SentenceStart, c.SentenceEnd));
        });
        var proposals = new List<List<Proposal>>();
        var tPropose = Time(() =>
        {
            proposals.Clear();
            int k = 0;
            foreach (var (_, _, _, cs) in reports)
                foreach (var c in cs) proposals.Add(finder.Propose(c, hitsOf[k++]));
        });
        var tBuild = Time(() =>
        {
            foreach (var (t, _, r, cs) in reports)
                foreach (var c in cs) MentionFeatures.Build(t, r, c, tokenizer, words, keepText: false);
        });
        long aBuild = allocated;
        int pairs = proposals.Sum(p => p.Count);
        var tExtra = Time(() =>
        {
            int k = 0;
            foreach (var (t, _, _, cs) in reports)
                foreach (var c in cs)
                    foreach (var p in proposals[k++]) PairFeatures.Extra(t, c, p, words);
        });
        long aExtra = allocated;
        Console.WriteLine($"classifier parts, full scoring path, 1 thread ({eligible} eligible candidates, {pairs} proposals; seconds, bytes allocated per input byte):");
        Console.WriteLine($"  {"trigger hits (per candidate)",-30} {tHits,6:0.00} s");
        Console.WriteLine($"  {"proposals",-30} {tPropose,6:0.00} s");
        Console.WriteLine($"  {"MentionFeatures.Build",-30} {tBuild,6:0.00} s  {(double)aBuild / bytes,6:0.0} B/B");
        Console.WriteLine($"  {"PairFeatures.Extra",-30} {tExtra,6:0.00} s  {(double)aExtra / bytes,6:0.0} B/B");
        return 0;
    }

    private static string ShippedRecover(PipelineConfig config)
    {
        var path = config.Resolve(config.Classifier.Model!);
        var o = ClassifierModel.FromBytes(File.ReadAllBytes(path)).Options;
        return o.RecoverThreshold > 1 ? "never" : o.RecoverThreshold.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A copy of the shipped model (in a temp file) whose meta.json says recover threshold <paramref name="threshold"/>; null without a model.</summary>
    private static string? RecoverModel(PipelineConfig config, double threshold)
    {
        if (string.IsNullOrEmpty(config.Classifier.Model) || !File.Exists(config.Resolve(config.Classifier.Model))) return null;
        var temp = Path.Combine(Path.GetTempPath(), $"reportminer-bench-recover-{Environment.ProcessId}.zip");
        using (var input = ZipFile.OpenRead(config.Resolve(config.Classifier.Model)))
        using (var output = ZipFile.Open(temp, ZipArchiveMode.Create))
        {
            foreach (var e in input.Entries)
            {
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                var bytes = m.ToArray();
                if (e.FullName == "meta.json")
                {
                    var meta = JsonNode.Parse(bytes)!.AsObject();
                    meta["recover_threshold"] = threshold;
                    bytes = JsonSerializer.SerializeToUtf8Bytes(meta);
                }
                using var w = output.CreateEntry(e.FullName).Open();
                w.Write(bytes);
            }
        }
        return temp;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportMiner.sln"))) return dir.FullName;
        throw new InvalidOperationException("ReportMiner.sln not found");
    }
}
