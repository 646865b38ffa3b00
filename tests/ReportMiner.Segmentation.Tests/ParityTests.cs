using System.Text;
using System.Text.Json;

namespace ReportMiner.Segmentation.Tests;

/// <summary>
/// Every line of every corpus file and of Parity/tricky-lines.txt, in four modes, against the
/// tokens python jieba 0.42.1 gave (Parity/expected/, made by `make parity`).
/// </summary>
public class ParityTests
{
    public static readonly string[] Modes = ["accurate", "nohmm", "search", "searchnohmm"];

    /// <summary>(input file relative to the repo, expected file relative to the repo) for every input and mode.</summary>
    public static IEnumerable<(string Input, string Expected, string Mode)> Cases()
    {
        var inputs = Directory.GetFiles(TestData.PathOf("corpus"), "*.txt")
            .Concat(Directory.GetFiles(TestData.PathOf("corpus/web"), "*.txt"))
            .Select(p => Path.GetRelativePath(TestData.RepoRoot, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        inputs.Add("tests/ReportMiner.Segmentation.Tests/Parity/tricky-lines.txt");
        foreach (var input in inputs)
        {
            var stem = input.StartsWith("corpus/", StringComparison.Ordinal) ? input[..^4] : Path.GetFileNameWithoutExtension(input);
            foreach (var mode in Modes)
                yield return (input, $"tests/ReportMiner.Segmentation.Tests/Parity/expected/{stem}.{mode}.jsonl", mode);
        }
    }

    public static TheoryData<string, string> ModeData()
    {
        var data = new TheoryData<string, string>();
        foreach (var mode in Modes) data.Add(mode, "corpus");
        foreach (var mode in Modes) data.Add(mode, "tricky");
        return data;
    }

    [Theory]
    [MemberData(nameof(ModeData))]
    public void Every_line_matches_python_jieba(string mode, string set)
    {
        var seg = TestData.Default;
        var segMode = TestData.ParseMode(mode);
        var mismatches = new StringBuilder();
        int lines = 0, bad = 0, files = 0;
        foreach (var (input, expected, m) in Cases())
        {
            if (m != mode || input.Contains("tricky", StringComparison.Ordinal) != (set == "tricky")) continue;
            files++;
            var inputLines = TestData.ReadLines(TestData.PathOf(input));
            var expectedLines = TestData.ReadLines(TestData.PathOf(expected));
            Assert.True(inputLines.Count == expectedLines.Count, $"{expected}: {expectedLines.Count} lines for {inputLines.Count} input lines");
            for (var i = 0; i < inputLines.Count; i++)
            {
                lines++;
                var want = JsonSerializer.Deserialize<List<string>>(expectedLines[i])!;
                var got = TestData.CutStrings(seg, inputLines[i], segMode);
                if (want.SequenceEqual(got, StringComparer.Ordinal)) continue;
                bad++;
                if (bad <= 20)
                    mismatches.Append(input).Append(':').Append(i + 1).Append(" (").Append(mode).AppendLine(")")
                        .Append("  python: ").AppendLine(TestData.Show(want))
                        .Append("  ours:   ").AppendLine(TestData.Show(got));
            }
        }
        Assert.True(files > 0, "no parity inputs found");
        Assert.True(bad == 0, $"{bad} of {lines} lines differ in mode {mode} ({set}):\n{mismatches}");
    }

    [Fact]
    public void Every_input_has_expectations_in_every_mode()
    {
        var missing = Cases().Where(c => !File.Exists(TestData.PathOf(c.Expected))).Select(c => c.Expected).ToList();
        Assert.True(missing.Count == 0, "missing (run `make parity`): " + string.Join(", ", missing));
        Assert.True(Cases().Count() >= 4 * 40, "expected at least 40 inputs");
    }

    [Fact]
    public void Tricky_lines_cover_the_listed_edge_cases()
    {
        var text = File.ReadAllText(TestData.PathOf("tests/ReportMiner.Segmentation.Tests/Parity/tricky-lines.txt"));
        foreach (var needle in new[] { "1.56亿元", "48.1%", "5.8％", "2021年1-4月", "2024-08", "R&D经费", "COVID-19", "１.５６", "V2.0", "3G",
                     "C++和C#", "AT&T", "〇", "㐀", "\u9fd6", "豈", "😀", "xx家", "x%", "\t", "\v", "\f", "\x1c", "\x1f", "\x85", "\xa0",
                     "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\r" })
            Assert.Contains(needle, text);
        Assert.Contains(TestData.ReadLines(TestData.PathOf("tests/ReportMiner.Segmentation.Tests/Parity/tricky-lines.txt")), l => l.Length > 10_000);
    }
}
