using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Pipeline.Sharding;

/// <summary>Runs, shard runs and merges with the shared pipeline, and byte comparison of output folders.</summary>
internal static class ShardFolders
{
    /// <summary>Short reports written for these tests (not taken from the corpus): two counties, a plan, one without a county.</summary>
    public static readonly string[] Reports =
    [
        "德清县科技局2023年工作总结\n2023年，全县新增国家高新技术企业25家，全社会研发投入12.5亿元，研发投入强度3.2%。\n",
        "长兴县科学技术局关于2024年上半年工作情况的报告\n上半年，全县专利授权1200件，其中发明专利授权150件。技术合同成交额5.6亿元。\n",
        "科技局2022年工作总结\n全年选派科技特派员80名，科技型中小企业入库320家。\n",
        "安吉县科技局2024年工作计划\n2024年，力争新增高新技术企业30家，研发投入强度达到3.5%。\n",
    ];

    /// <summary>Bytes that no reader accepts: the file fails, and its error must merge too.</summary>
    public static readonly byte[] Broken = "%PDF-1.7 this is not a PDF body"u8.ToArray();

    public static BatchRunner Runner() => new(SharedPipeline.Pipeline, ReaderRegistry.CreateDefault(), TextWriter.Null);

    /// <summary>Writes <paramref name="files"/> (relative path → content index, or -1 for a broken PDF) under <paramref name="dir"/>.</summary>
    public static void WriteInput(string dir, IEnumerable<(string Id, int Content)> files)
    {
        foreach (var (id, content) in files)
        {
            var path = Path.Combine(dir, id);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (content < 0) File.WriteAllBytes(path, Broken);
            else File.WriteAllText(path, Reports[content % Reports.Length]);
        }
    }

    public static BatchSummary Run(BatchRunner runner, string input, string output, ShardSpec? shard = null, int jobs = 2)
        => runner.Run(new BatchOptions(input, output) { Jobs = jobs, Shard = shard });

    /// <summary>Runs parts 1..<paramref name="parts"/> of <paramref name="input"/> into <c>root/shard-K</c>; returns the folders.</summary>
    public static List<string> RunShards(BatchRunner runner, string input, string root, int parts)
    {
        var dirs = new List<string>();
        for (int k = 1; k <= parts; k++)
        {
            var dir = Path.Combine(root, $"shard-{k}-of-{parts}");
            Run(runner, input, dir, new ShardSpec(k, parts));
            dirs.Add(dir);
        }
        return dirs;
    }

    public static BatchSummary Merge(BatchRunner runner, IReadOnlyList<string> shards, string output, int jobs = 2)
        => ShardMerger.Merge(runner, shards, new BatchOptions("", output) { Jobs = jobs });

    /// <summary>Null when both folders hold the same files with the same bytes; otherwise the first difference.</summary>
    public static string? Difference(string expected, string actual)
    {
        static List<string> Files(string root) => Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToList();
        var want = Files(expected);
        var got = Files(actual);
        var missing = want.Except(got).ToList();
        var extra = got.Except(want).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            return $"missing: [{string.Join(", ", missing)}]; extra: [{string.Join(", ", extra)}]";
        foreach (var f in want)
        {
            var a = File.ReadAllBytes(Path.Combine(expected, f));
            var b = File.ReadAllBytes(Path.Combine(actual, f));
            if (!a.AsSpan().SequenceEqual(b))
            {
                int at = 0;
                while (at < Math.Min(a.Length, b.Length) && a[at] == b[at]) at++;
                return $"{f}: {a.Length} vs {b.Length} bytes, first difference at byte {at}";
            }
        }
        return null;
    }
}
