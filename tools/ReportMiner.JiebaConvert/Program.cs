using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ReportMiner.Segmentation;

// Converts python jieba 0.42.1's data (Debian python3-jieba) into the model files the
// segmenter loads: dict.bin (prefix dictionary, jieba's gen_pfdict semantics) and hmm.bin
// (finalseg start/trans/emit log-probabilities). Usage:
//   dotnet run --project tools/ReportMiner.JiebaConvert -- JIEBA_PACKAGE_DIR OUT_DIR
// where JIEBA_PACKAGE_DIR holds dict.txt and finalseg/prob_{start,trans,emit}.py.

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ReportMiner.JiebaConvert JIEBA_PACKAGE_DIR OUT_DIR");
    return 2;
}
var src = args[0];
var outDir = args[1];
try
{
    var dictPath = Path.Combine(src, "dict.txt");
    var dictBytes = File.ReadAllBytes(dictPath);
    var (dict, lines, distinct, lastFreq) = ParseDict(dictBytes, dictPath);
    var hmm = new HmmModel();
    ParseStart(File.ReadAllText(Path.Combine(src, "finalseg", "prob_start.py")), hmm);
    ParseTrans(File.ReadAllText(Path.Combine(src, "finalseg", "prob_trans.py")), hmm);
    var emitCounts = ParseEmit(File.ReadAllText(Path.Combine(src, "finalseg", "prob_emit.py")), hmm);

    dict.Compact();
    Directory.CreateDirectory(outDir);
    using (var f = File.Create(Path.Combine(outDir, ModelFormat.DictFileName))) ModelFormat.WriteDict(dict, lines, f);
    using (var f = File.Create(Path.Combine(outDir, ModelFormat.HmmFileName))) ModelFormat.WriteHmm(hmm, f);

    // Read back and compare what the segmenter will see.
    var back = ModelFormat.ReadDict(Path.Combine(outDir, ModelFormat.DictFileName));
    if (back.Count != dict.Count || back.Total != dict.Total || !back.Table.AsSpan().SequenceEqual(dict.Table)
        || !back.RootChild.AsSpan().SequenceEqual(dict.RootChild) || !back.Freq.AsSpan(0, dict.Count).SequenceEqual(dict.Freq.AsSpan(0, dict.Count)))
        throw new InvalidDataException("dict.bin does not read back equal");
    foreach (var (word, freq) in lastFreq)
        if (back.Find(word) is var n && (n <= 0 || back.Freq[n] != freq)) throw new InvalidDataException($"dict.bin: '{word}' not found with frequency {freq}");
    var keys = back.AllKeys();
    var prefixes = new HashSet<string>(lastFreq.Keys.SelectMany(w => Enumerable.Range(1, w.Length).Select(l => w[..l])), StringComparer.Ordinal);
    if (keys.Length - 1 != prefixes.Count || !keys.Skip(1).All(prefixes.Contains)) throw new InvalidDataException("dict.bin keys are not exactly the words and their prefixes");
    var hback = ModelFormat.ReadHmm(Path.Combine(outDir, ModelFormat.HmmFileName));
    if (!hback.Emit.AsSpan().SequenceEqual(hmm.Emit) || !hback.Trans.AsSpan().SequenceEqual(hmm.Trans) || !hback.Start.AsSpan().SequenceEqual(hmm.Start))
        throw new InvalidDataException("hmm.bin does not read back equal");

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"dict.txt sha256 {Convert.ToHexStringLower(SHA256.HashData(dictBytes))}: {lines} lines, {distinct} distinct words, total {dict.Total}, {dict.Count - 1} prefix-dict keys, {dict.Tags.Count - 1} tags"));
    Console.WriteLine($"HMM emit entries B {emitCounts[HmmModel.B]}, E {emitCounts[HmmModel.E]}, M {emitCounts[HmmModel.M]}, S {emitCounts[HmmModel.S]}");
    Console.WriteLine($"wrote {Path.Combine(outDir, ModelFormat.DictFileName)} and {Path.Combine(outDir, ModelFormat.HmmFileName)}");
    return 0;
}
catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"ReportMiner.JiebaConvert: {ex.Message}");
    return 1;
}

// gen_pfdict: for each line, line.strip().decode('utf-8'); word, freq = line.split(' ')[:2];
// FREQ[word] = int(freq); total += freq; every prefix not yet in FREQ gets 0.
static (PrefixDict Dict, int Lines, int Distinct, Dictionary<string, int> LastFreq) ParseDict(byte[] bytes, string path)
{
    var dict = new PrefixDict(600_000);
    var utf8 = new UTF8Encoding(false, true);
    var text = utf8.GetString(bytes);
    var lines = text.Split('\n');
    var count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
    var words = new Dictionary<string, int>(StringComparer.Ordinal);
    for (var i = 0; i < count; i++)
    {
        var line = lines[i].Trim(' ', '\t', '\n', '\r', '\v', '\f');
        var parts = line.Split(' ');
        if (parts.Length < 2 || parts[0].Length == 0 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var freq))
            throw new InvalidDataException($"invalid dictionary entry in {path} at Line {i + 1}: {line}");
        dict.Add(parts[0], freq, parts.Length > 2 ? parts[2] : null);
        words[parts[0]] = freq;
    }
    return (dict, count, words.Count, words);
}

static int StateIndex(string letter) => HmmModel.StateLetters.IndexOf(letter, StringComparison.Ordinal) is var i and >= 0
    ? i : throw new InvalidDataException($"unknown HMM state '{letter}'");

static double ParseFloat(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

static void ParseStart(string py, HmmModel hmm)
{
    var n = 0;
    foreach (Match m in Regex.Matches(py, @"'([BEMS])':\s*(-?[0-9.]+(?:e[+-]?[0-9]+)?)"))
    {
        hmm.Start[StateIndex(m.Groups[1].Value)] = ParseFloat(m.Groups[2].Value);
        n++;
    }
    if (n != 4) throw new InvalidDataException($"prob_start.py: expected 4 entries, found {n}");
}

static void ParseTrans(string py, HmmModel hmm)
{
    var n = 0;
    foreach (Match outer in Regex.Matches(py, @"'([BEMS])':\s*\{([^}]*)\}"))
    {
        var from = StateIndex(outer.Groups[1].Value);
        foreach (Match m in Regex.Matches(outer.Groups[2].Value, @"'([BEMS])':\s*(-?[0-9.]+(?:e[+-]?[0-9]+)?)"))
        {
            hmm.Trans[from * 4 + StateIndex(m.Groups[1].Value)] = ParseFloat(m.Groups[2].Value);
            n++;
        }
    }
    if (n != 8) throw new InvalidDataException($"prob_trans.py: expected 8 entries, found {n}");
}

static int[] ParseEmit(string py, HmmModel hmm)
{
    var counts = new int[4];
    var state = -1;
    var entry = new Regex(@"'\\u([0-9a-fA-F]{4})':\s*(-?[0-9.]+(?:e[+-]?[0-9]+)?)");
    foreach (var raw in py.Split('\n'))
    {
        var line = raw;
        var head = Regex.Match(line, @"^\s*(?:P=\{)?'([BEMS])':\s*\{");
        if (head.Success)
        {
            state = StateIndex(head.Groups[1].Value);
            line = line[head.Length..];
        }
        foreach (Match m in entry.Matches(line))
        {
            if (state < 0) throw new InvalidDataException("prob_emit.py: entry before a state");
            hmm.AddEmit(state, (char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture), ParseFloat(m.Groups[2].Value));
            counts[state]++;
        }
    }
    if (counts.Sum() < 1000) throw new InvalidDataException("prob_emit.py: too few entries");
    return counts;
}
