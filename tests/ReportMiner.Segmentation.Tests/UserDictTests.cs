using System.Text;
using System.Text.Json;

namespace ReportMiner.Segmentation.Tests;

/// <summary>
/// load_userdict / add_word / suggest_freq semantics against python jieba 0.42.1
/// (UserDict/expected.json, made by UserDict/make_expected.py).
/// </summary>
public class UserDictTests
{
    private static readonly Lazy<JsonElement> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(TestData.PathOf("tests/ReportMiner.Segmentation.Tests/UserDict/expected.json"))).RootElement);

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var sc in Expected.Value.GetProperty("scenarios").EnumerateArray()) data.Add(sc.GetProperty("name").GetString()!);
        return data;
    }

    [Fact]
    public void Scenarios_are_present()
    {
        var names = Expected.Value.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["default", "tricky-userdict", "pipeline-dict", "add-word-sequence"], names);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_matches_python_jieba(string name)
    {
        var sc = Expected.Value.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        var builder = JiebaSegmenterBuilder.FromModel(TestData.ModelDirectory);
        foreach (var path in sc.GetProperty("userdicts").EnumerateArray())
            builder.LoadUserDictionary(TestData.PathOf(path.GetString()!));

        var ops = sc.GetProperty("ops").EnumerateArray().ToList();
        var afterOps = sc.GetProperty("afterOps").EnumerateArray().ToList();
        var errors = new StringBuilder();
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i].EnumerateArray().ToList();
            var word = op[0].GetString()!;
            int? freq = op[1].ValueKind == JsonValueKind.Null ? null : op[1].GetInt32();
            var tag = op[2].ValueKind == JsonValueKind.Null ? null : op[2].GetString();
            builder.AddWord(word, freq, tag);
            var snapshot = builder.Build();
            snapshot.TryGetWord(word, out var gotFreq, out _);
            var wantFreq = afterOps[i].GetProperty("freq").GetInt64();
            var wantTotal = afterOps[i].GetProperty("total").GetInt64();
            if (gotFreq != wantFreq || snapshot.TotalFrequency != wantTotal)
                errors.AppendLine($"after add_word({word}, {freq?.ToString() ?? "None"}): freq {gotFreq} total {snapshot.TotalFrequency}, python {wantFreq} / {wantTotal}");
        }

        var seg = builder.Build();
        if (seg.TotalFrequency != sc.GetProperty("total").GetInt64())
            errors.AppendLine($"total {seg.TotalFrequency}, python {sc.GetProperty("total").GetInt64()}");

        var probes = 0;
        foreach (var probe in sc.GetProperty("probes").EnumerateArray())
        {
            probes++;
            var word = probe.GetProperty("word").GetString()!;
            var f = probe.GetProperty("freq");
            var found = seg.TryGetWord(word, out var freq, out _);
            var ok = f.ValueKind == JsonValueKind.Null ? !found : found && freq == f.GetInt64();
            if (!ok) errors.AppendLine($"FREQ[{TestData.Escape(word)}]: ours {(found ? freq : "absent")}, python {f}");
            if (found && (freq > 0) != seg.ContainsWord(word)) errors.AppendLine($"ContainsWord({word}) disagrees with its frequency {freq}");
        }

        var cuts = 0;
        foreach (var cut in sc.GetProperty("cuts").EnumerateArray())
        {
            cuts++;
            var text = cut.GetProperty("text").GetString()!;
            var mode = cut.GetProperty("mode").GetString()!;
            var want = cut.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
            var got = TestData.CutStrings(seg, text, TestData.ParseMode(mode));
            if (!want.SequenceEqual(got, StringComparer.Ordinal))
                errors.AppendLine($"{mode} {TestData.Escape(text)}\n  python: {TestData.Show(want)}\n  ours:   {TestData.Show(got)}");
        }
        Assert.True(cuts > 100, "scenario has too few cuts");
        Assert.True(probes > 0 || (ops.Count == 0 && sc.GetProperty("userdicts").GetArrayLength() == 0), "scenario has no probes");
        Assert.True(errors.Length == 0, errors.ToString());
    }
}
