using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Pipeline.Sharding;

/// <summary>
/// A merge of the shards of an input is byte for byte the output folder of one run over all of it
/// (county files, errors.jsonl, the three tables, the cache log), for the corpus and for random inputs.
/// </summary>
[ReportMiner.Testing.StartsEarly]
public sealed class ShardMergeTests : IDisposable
{
    private readonly TempFolder _temp = new("rm-shards");

    public void Dispose() => _temp.Dispose();

    /// <summary>The corpus plus two broken files (their errors must merge) in a sub-folder, mined once as a whole.</summary>
    private static readonly Lazy<(TempFolder Root, string Input, string Single)> Corpus = new(() =>
    {
        var root = new TempFolder("rm-shards-corpus");
        var input = root.Combine("input");
        foreach (var (id, file) in ReportMiner.Ingest.InputFolder.Enumerate(TestPaths.Combine("corpus"), SharedPipeline.Config.Ingest.Extensions))
        {
            var target = Path.Combine(input, id);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        ShardFolders.WriteInput(input, [("zz/broken-1.pdf", -1), ("zz/broken-2.pdf", -1)]);
        var single = root.Combine("single");
        ShardFolders.Run(ShardFolders.Runner(), input, single);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => root.Dispose();
        return (root, input, single);
    });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void Merging_the_shards_of_the_corpus_gives_the_single_runs_bytes(int parts)
    {
        var (_, input, single) = Corpus.Value;
        var runner = ShardFolders.Runner();
        var shards = ShardFolders.RunShards(runner, input, _temp.Path, parts);
        // Every shard owns a part of the files, and together they own each file once.
        var owned = shards.SelectMany(d => ShardManifest.Read(d).Files.Select(f => f.Id)).ToList();
        Assert.Equal(owned.Count, owned.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ReportMiner.Ingest.InputFolder.Enumerate(input, SharedPipeline.Config.Ingest.Extensions).Count, owned.Count);

        var merged = _temp.Combine("merged");
        var summary = ShardFolders.Merge(runner, shards, merged);
        Assert.Equal(2, summary.Errors);
        Assert.Null(ShardFolders.Difference(single, merged));
        Assert.Contains("zz/broken-1.pdf", File.ReadAllText(Path.Combine(merged, "errors.jsonl")));
    }

    [Fact]
    public void Merging_again_into_the_same_folder_changes_nothing()
    {
        var (_, input, single) = Corpus.Value;
        var runner = ShardFolders.Runner();
        var shards = ShardFolders.RunShards(runner, input, _temp.Path, 2);
        var merged = _temp.Combine("merged");
        ShardFolders.Merge(runner, shards, merged);
        ShardFolders.Merge(runner, shards, merged);
        Assert.Null(ShardFolders.Difference(single, merged));
    }

    [Fact]
    public void A_later_run_over_the_whole_input_into_the_merged_folder_takes_everything_from_its_cache()
    {
        var (_, input, single) = Corpus.Value;
        var runner = ShardFolders.Runner();
        var merged = _temp.Combine("merged");
        ShardFolders.Merge(runner, ShardFolders.RunShards(runner, input, _temp.Path, 2), merged);
        var rerun = ShardFolders.Run(runner, input, merged);
        Assert.Equal(rerun.Files - rerun.Errors, rerun.Cached);
        Assert.Null(ShardFolders.Difference(single, merged));
    }

    private static readonly string[] PinnedIds = ["a.txt", "b.txt", "web/w001.txt", "x/y/z.pdf", "中文.docx"];

    [Fact]
    public void The_part_of_a_file_depends_only_on_its_path()
    {
        // Pinned values (also what Python's hashlib gives): the split must be the same on every machine, run and build.
        Assert.Equal(ShardSpec.PartOf("001_87709b1c34e14cd9.txt", 4), ShardSpec.PartOf("001_87709b1c34e14cd9.txt", 4));
        Assert.Equal(1, ShardSpec.PartOf("anything", 1));
        var parts = Enumerable.Range(0, 4000).Select(i => ShardSpec.PartOf($"dir/{i}.txt", 4)).ToList();
        Assert.All(parts, p => Assert.InRange(p, 1, 4));
        // About a quarter each (a hash, not a round robin): 1000 ± 150.
        Assert.All(parts.GroupBy(p => p), g => Assert.InRange(g.Count(), 850, 1150));
        Assert.Equal(expected: [2, 2, 1, 3, 1], PinnedIds.Select(id => ShardSpec.PartOf(id, 4)));
    }

    /// <summary>Random inputs: 0 to 14 files of the reports above or broken, under random paths, split into 1 to 8 parts.</summary>
    private static readonly Arbitrary<(List<(string Id, int Content)> Files, int Parts)> Inputs =
        (from count in Gen.Choose(0, 14)
         from names in Gen.Choose(0, 99999).ListOf(count)
         from dirs in Gen.Elements("", "a/", "a/b/", "其他/").ListOf(count)
         from contents in Gen.Choose(-1, ShardFolders.Reports.Length - 1).ListOf(count)
         from parts in Gen.Choose(1, 8)
         select (names.Select((n, i) => (Id: $"{dirs[i]}{n:x}{(contents[i] < 0 ? ".pdf" : ".txt")}", Content: contents[i]))
                     .DistinctBy(f => f.Id, StringComparer.Ordinal).ToList(), parts)).ToArbitrary();

    [Property(MaxTest = 12)]
    public Property Any_split_of_any_input_merges_to_the_single_runs_bytes()
        => Prop.ForAll(Inputs, input =>
        {
            using var temp = new TempFolder("rm-shards-prop");
            var inputDir = temp.Combine("input");
            Directory.CreateDirectory(inputDir);
            ShardFolders.WriteInput(inputDir, input.Files);
            var runner = ShardFolders.Runner();
            var single = temp.Combine("single");
            ShardFolders.Run(runner, inputDir, single, jobs: 1);
            var merged = temp.Combine("merged");
            ShardFolders.Merge(runner, ShardFolders.RunShards(runner, inputDir, temp.Path, input.Parts), merged);
            var difference = ShardFolders.Difference(single, merged);
            return (difference is null).Label($"{input.Files.Count} files in {input.Parts} parts: {difference}");
        });
}
