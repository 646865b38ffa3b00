using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ReportMiner.Segmentation;

// Segmenter benchmark. Usage (from the repo root, or any folder below it):
//   dotnet run -c Release --project bench/ReportMiner.Bench -- [--min-mb 10] [--repeats 3] [--no-jieba-rs]
// Builds a text of at least --min-mb MB by repeating corpus/*.txt and corpus/web/*.txt, writes it
// to artifacts/bench/segment-corpus.txt, measures this segmenter, then runs
// bench/jieba-rs/bench.mjs (jieba-rs through @node-rs/jieba) on the same file and prints the ratio.

// `ReportMiner.Bench ingest …` runs the ingestion benchmark instead (IngestBench.cs).
if (args.Length > 0 && args[0] == "ingest") return ReportMiner.Bench.IngestBench.Run(args[1..]);
// Child processes of the long-PDF part of `ingest` (LongPdfBench.cs).
if (args.Length > 1 && args[0] == "ingest-read") return ReportMiner.Bench.LongPdfBench.Read(args[1..]);
if (args.Length > 1 && args[0] == "ingest-breakdown") return ReportMiner.Bench.LongPdfBench.Breakdown(args[1..]);
// `ReportMiner.Bench pipeline …` measures ReportPipeline.Process and its stages (PipelineBench.cs).
if (args.Length > 0 && args[0] == "pipeline") return ReportMiner.Bench.PipelineBench.Run(args[1..]);

var inv = CultureInfo.InvariantCulture;
double minMb = 10;
var repeats = 3;
var runJiebaRs = true;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--min-mb": minMb = double.Parse(args[++i], inv); break;
        case "--repeats": repeats = int.Parse(args[++i], inv); break;
        case "--no-jieba-rs": runJiebaRs = false; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

var root = FindRepoRoot();
var modelDir = Path.Combine(root, "models", "jieba");

// 1. Init: the first build in this process (includes JIT of the loading code), then warm builds.
var sw = Stopwatch.StartNew();
var segmenter = JiebaSegmenterBuilder.FromModel(modelDir).Build();
var coldInit = sw.Elapsed.TotalSeconds;
var warm = new List<double>();
for (var i = 0; i < 5; i++)
{
    sw.Restart();
    JiebaSegmenterBuilder.FromModel(modelDir).Build();
    warm.Add(sw.Elapsed.TotalSeconds);
}
// where warm init time goes
var (tDict, tHmm, tBuild) = (double.MaxValue, double.MaxValue, double.MaxValue);
for (var i = 0; i < 5; i++)
{
    sw.Restart();
    var d = ModelFormat.ReadDict(Path.Combine(modelDir, ModelFormat.DictFileName));
    tDict = Math.Min(tDict, sw.Elapsed.TotalSeconds);
    sw.Restart();
    var h = ModelFormat.ReadHmm(Path.Combine(modelDir, ModelFormat.HmmFileName));
    tHmm = Math.Min(tHmm, sw.Elapsed.TotalSeconds);
    sw.Restart();
    JiebaSegmenterBuilder.FromParts(d, h).Build();
    tBuild = Math.Min(tBuild, sw.Elapsed.TotalSeconds);
}
sw.Restart();
var withUser = JiebaSegmenterBuilder.FromModel(modelDir).LoadUserDictionary(Path.Combine(root, "models", "dict", "reportminer.dict.txt")).Build();
var userInit = sw.Elapsed.TotalSeconds;
GC.KeepAlive(withUser);

// 2. The text.
var sources = Directory.GetFiles(Path.Combine(root, "corpus"), "*.txt").Concat(Directory.GetFiles(Path.Combine(root, "corpus", "web"), "*.txt"))
    .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
var sb = new StringBuilder();
while (Encoding.UTF8.GetByteCount(sb.ToString()) < minMb * 1_000_000)
    foreach (var s in sources) sb.Append(s.TrimStart('\uFEFF')).Append('\n');
var text = sb.ToString();
var bytes = Encoding.UTF8.GetByteCount(text);
var mb = bytes / 1e6;
var benchDir = Path.Combine(root, "artifacts", "bench");
Directory.CreateDirectory(benchDir);
var corpusPath = Path.Combine(benchDir, "segment-corpus.txt");
File.WriteAllText(corpusPath, text, new UTF8Encoding(false));
var lines = text.Split('\n');

Console.WriteLine($"ReportMiner segmenter benchmark — {RuntimeInfo()}");
Console.WriteLine($"text: {corpusPath} ({bytes:N0} bytes UTF-8, {text.Length:N0} chars, {lines.Length:N0} lines; corpus repeated)");
Console.WriteLine($"init (FromModel + Build, default dictionary): first {coldInit:F3} s (incl. JIT), warm best {warm.Min():F3} s; with reportminer.dict.txt {userInit:F3} s");
Console.WriteLine($"  warm breakdown: dict.bin {tDict * 1000:F1} ms, hmm.bin {tHmm * 1000:F1} ms, Build (log-probs) {tBuild * 1000:F1} ms");
Console.WriteLine();

// 3. Throughput.
var modes = new[] { SegmentMode.Accurate, SegmentMode.AccurateNoHmm, SegmentMode.Search };
var tokens = new List<Token>(text.Length);
var ours = new Dictionary<SegmentMode, Measured>();
Console.WriteLine("MB/s by wall time, and in brackets by process CPU time (less disturbed by other load), best of the repeats");
Console.WriteLine($"{"mode",-14} {"whole text, offsets",24} {"per line, offsets",24} {"per line, strings",24} {"alloc/run",12} {"tokens",10}");
// Warm-up: every mode, line by line, for about a second each, so tiered JIT reaches its optimised code.
foreach (var mode in modes)
{
    var warmUp = Stopwatch.StartNew();
    for (var i = 0; warmUp.ElapsedMilliseconds < 1000; i = (i + 1) % lines.Length)
    {
        tokens.Clear();
        segmenter.Cut(lines[i], tokens, mode);
        if (i % 64 == 0) segmenter.Cut(lines[i]);
    }
}
foreach (var mode in modes)
{
    var whole = new Best();
    var perLine = new Best();
    var strings = new Best();
    long alloc = 0;
    var count = 0;
    for (var r = 0; r < repeats; r++)
    {
        tokens.Clear();
        whole.Time(mb, () => segmenter.Cut(text, tokens, mode));
        count = tokens.Count;
        // allocations of one whole-text cut into a list that already has the room
        tokens.Clear();
        var a0 = GC.GetAllocatedBytesForCurrentThread();
        segmenter.Cut(text, tokens, mode);
        alloc = GC.GetAllocatedBytesForCurrentThread() - a0;

        perLine.Time(mb, () =>
        {
            foreach (var line in lines)
            {
                tokens.Clear();
                segmenter.Cut(line, tokens, mode);
            }
        });

        strings.Time(mb, () =>
        {
            var n = 0;
            foreach (var line in lines)
                n += mode switch
                {
                    SegmentMode.Search => segmenter.CutForSearch(line).Count,
                    SegmentMode.AccurateNoHmm => segmenter.Cut(line, hmm: false).Count,
                    _ => segmenter.Cut(line).Count,
                };
        });
    }
    ours[mode] = new Measured(whole, perLine, strings);
    Console.WriteLine($"{mode,-14} {whole,24} {perLine,24} {strings,24} {alloc,6:N0} bytes {count,10:N0}");
}
Process.GetCurrentProcess().Refresh();
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB (process, including the {text.Length * 2 / 1e6:F0} MB text, its line copies and the token list); GC heap now {GC.GetTotalMemory(false) / 1e6:F0} MB");
Console.WriteLine();

// 4. jieba-rs on the same file.
if (!runJiebaRs) return 0;
var script = Path.Combine(root, "bench", "jieba-rs", "bench.mjs");
if (!Directory.Exists(Path.Combine(root, "bench", "jieba-rs", "node_modules", "@node-rs", "jieba")))
{
    Console.WriteLine("jieba-rs: bench/jieba-rs/node_modules missing (run `npm ci` in bench/jieba-rs, or `make bench-segment`); no comparison.");
    return 1;
}
var psi = new ProcessStartInfo("node", [script, corpusPath, repeats.ToString(inv)]) { RedirectStandardOutput = true, RedirectStandardError = true };
using var node = Process.Start(psi) ?? throw new InvalidOperationException("cannot start node");
var stdout = node.StandardOutput.ReadToEnd();
var stderr = node.StandardError.ReadToEnd();
node.WaitForExit();
if (node.ExitCode != 0)
{
    Console.WriteLine($"jieba-rs benchmark failed ({node.ExitCode}): {stderr}");
    return 1;
}
using var doc = JsonDocument.Parse(stdout);
var rs = doc.RootElement;
Console.WriteLine($"jieba-rs: {rs.GetProperty("implementation").GetString()}, init {rs.GetProperty("initSeconds").GetDouble():F3} s, peak RSS {rs.GetProperty("peakRssBytes").GetInt64() / 1e6:F0} MB");
Console.WriteLine("ratio = ours / jieba-rs, each side at its best variant; wall time, and in brackets CPU time");
Console.WriteLine($"{"mode",-14} {"jieba-rs",24} {"ours (offsets)",24} {"ratio",16} {"ours (strings)",24} {"ratio",16}");
var names = new Dictionary<SegmentMode, string> { [SegmentMode.Accurate] = "accurate", [SegmentMode.AccurateNoHmm] = "accurateNoHmm", [SegmentMode.Search] = "search" };
foreach (var mode in modes)
{
    var r = rs.GetProperty("results").GetProperty(names[mode]);
    var theirs = r.GetProperty("mbPerSecond").GetDouble();
    var theirsCpu = r.GetProperty("mbPerCpuSecond").GetDouble();
    var m = ours[mode];
    double offWall = Math.Max(m.Whole.Wall, m.PerLine.Wall), offCpu = Math.Max(m.Whole.Cpu, m.PerLine.Cpu);
    Console.WriteLine($"{mode,-14} {Fmt(theirs, theirsCpu),24} {Fmt(offWall, offCpu),24} {Ratio(offWall / theirs, offCpu / theirsCpu),16} {m.Strings,24} {Ratio(m.Strings.Wall / theirs, m.Strings.Cpu / theirsCpu),16}");
}
return 0;

static string FindRepoRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportMiner.sln"))) return dir.FullName;
    throw new InvalidOperationException("run inside the repository (ReportMiner.sln not found)");
}

static string RuntimeInfo() =>
    $".NET {Environment.Version}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";

static string Fmt(double wall, double cpu) => string.Create(CultureInfo.InvariantCulture, $"{wall,6:F1} ({cpu,6:F1}) MB/s");

static string Ratio(double wall, double cpu) => string.Create(CultureInfo.InvariantCulture, $"{wall,5:F2}x ({cpu,5:F2}x)");

/// <summary>Best MB/s of several runs, by wall time and by process CPU time.</summary>
internal sealed class Best
{
    public double Wall { get; private set; }
    public double Cpu { get; private set; }

    private readonly Process _process = Process.GetCurrentProcess();

    public void Time(double mb, Action run)
    {
        var process = _process;
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        run();
        var wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        Wall = Math.Max(Wall, mb / wall);
        if (cpu > 0) Cpu = Math.Max(Cpu, mb / cpu);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Wall,6:F1} ({Cpu,6:F1}) MB/s");
}

internal sealed record Measured(Best Whole, Best PerLine, Best Strings);
