using System.Text.Json.Nodes;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Pipeline.Sharding;

/// <summary>
/// Shards that do not make one whole are refused before anything is written, with a message naming
/// the shard, part or file: different splits, overlapping or missing parts, another pipeline.yaml,
/// model, code or data, another input, a missing cache, a folder that is no shard.
/// </summary>
public sealed class ShardRefusalTests : IDisposable
{
    private readonly TempFolder _temp = new("rm-shard-refusal");
    private readonly BatchRunner _runner = ShardFolders.Runner();
    private readonly string _input;

    public ShardRefusalTests()
    {
        _input = _temp.Combine("input");
        ShardFolders.WriteInput(_input, Enumerable.Range(0, 8).Select(i => ($"r{i}.txt", i)).Append(("bad.pdf", -1)));
    }

    public void Dispose() => _temp.Dispose();

    private string Shard(int part, int parts, string? input = null)
    {
        var dir = _temp.Combine($"in{(input is null ? "" : "-other")}-{part}-of-{parts}");
        ShardFolders.Run(_runner, input ?? _input, dir, new ShardSpec(part, parts), jobs: 1);
        return dir;
    }

    /// <summary>Merges and returns the refusal's message; checks that nothing was written into --out.</summary>
    private string Refusal(params string[] shards)
    {
        var output = _temp.Combine("merged");
        var ex = Assert.Throws<ShardMergeException>(() => ShardFolders.Merge(_runner, shards, output));
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "a refused merge wrote into --out");
        return ex.Message;
    }

    private static void EditManifest(string shard, Action<JsonObject> edit)
    {
        var path = Path.Combine(shard, ShardManifest.FileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    [Fact]
    public void A_folder_without_a_manifest_is_not_a_shard()
    {
        var whole = _temp.Combine("whole");
        ShardFolders.Run(_runner, _input, whole);
        Assert.False(File.Exists(Path.Combine(whole, ShardManifest.FileName)));
        var message = Refusal(whole);
        Assert.Contains($"{whole}: not a shard output folder", message);
        Assert.Contains("run --shard K/N", message);
    }

    [Fact]
    public void A_run_over_the_whole_input_removes_the_manifest_of_an_earlier_shard_run()
    {
        var dir = Shard(1, 2);
        ShardFolders.Run(_runner, _input, dir);
        Assert.False(File.Exists(Path.Combine(dir, ShardManifest.FileName)));
    }

    [Fact]
    public void A_damaged_manifest_is_named()
    {
        var one = Shard(1, 1);
        File.WriteAllText(Path.Combine(one, ShardManifest.FileName), "{\"schema\": ");
        Assert.Contains($"{Path.Combine(one, ShardManifest.FileName)}: cannot be read as a shard manifest", Refusal(one));
    }

    [Fact]
    public void Shards_of_different_splits_are_refused()
    {
        var message = Refusal(Shard(1, 2), Shard(2, 3));
        Assert.Contains("shards of different splits", message);
        Assert.Contains("(part 1/2)", message);
        Assert.Contains("(part 2/3)", message);
    }

    [Fact]
    public void The_same_part_twice_is_an_overlap()
    {
        var first = Shard(1, 2);
        var copy = _temp.Combine("copy-of-1");
        CopyFolder(first, copy);
        var message = Refusal(first, copy, Shard(2, 2));
        Assert.Contains($"overlapping parts: {first} and {copy} are both part 1/2", message);
    }

    [Fact]
    public void A_missing_part_is_named()
    {
        var message = Refusal(Shard(1, 3), Shard(3, 3));
        Assert.Contains("missing parts: 2 of 3", message);
    }

    [Fact]
    public void A_file_listed_by_two_shards_is_an_overlap()
    {
        var one = Shard(1, 2);
        var two = Shard(2, 2);
        var stolen = ShardManifest.Read(two).Files[0].Id;
        EditManifest(one, m => m["files"]!.AsArray().Add(JsonNode.Parse($"{{\"id\":\"{stolen}\",\"key\":\"x\"}}")));
        var message = Refusal(one, two);
        Assert.Contains(stolen, message);
        Assert.True(message.Contains("overlapping parts") || message.Contains("does not belong to part"), message);
    }

    [Fact]
    public void A_file_missing_from_a_manifest_is_refused()
    {
        var one = Shard(1, 2);
        var two = Shard(2, 2);
        EditManifest(two, m => m["files"]!.AsArray().RemoveAt(0));
        Assert.Contains("missing files: the shards hold 8 of the 9 input files", Refusal(one, two));
    }

    [Theory]
    [InlineData("config", "pipeline.yaml")]
    [InlineData("model", "classifier model")]
    [InlineData("code", "code version")]
    [InlineData("data", "data files")]
    public void Shards_made_with_another_configuration_model_code_or_data_are_refused(string part, string named)
    {
        var one = Shard(1, 2);
        var two = Shard(2, 2);
        EditManifest(two, m => m["identity"]![part] = "0000");
        var message = Refusal(one, two);
        Assert.Contains($"were made with a different {named}", message);
        Assert.Contains(one, message);
        Assert.Contains(two, message);
    }

    [Fact]
    public void Shards_made_with_another_pipeline_yaml_than_the_merges_are_refused()
    {
        var one = Shard(1, 1);
        EditManifest(one, m => m["identity"]!["config"] = "0000");
        var message = Refusal(one);
        Assert.Contains("the shards were made with a different pipeline.yaml than this merge uses", message);
    }

    [Fact]
    public void Shards_cut_from_different_inputs_are_refused()
    {
        var other = _temp.Combine("other-input");
        ShardFolders.WriteInput(other, Enumerable.Range(0, 9).Select(i => ($"r{i}.txt", i)));
        var message = Refusal(Shard(1, 2), Shard(2, 2, other));
        Assert.Contains("were cut from different inputs (9 and 9 files, or other file names)", message);
    }

    [Fact]
    public void A_shard_whose_cache_is_gone_is_named()
    {
        var one = Shard(1, 2);
        var two = Shard(2, 2);
        File.Delete(Path.Combine(two, ".cache", ResultCache.FileName));
        var message = Refusal(one, two);
        Assert.Contains($"{two}: its cache has no result for", message);
        Assert.Contains("re-run that shard", message);
    }

    [Fact]
    public void The_output_folder_cannot_be_a_shard()
    {
        var one = Shard(1, 1);
        var ex = Assert.Throws<ShardMergeException>(() => ShardFolders.Merge(_runner, [one], one));
        Assert.Contains("--out must not be one of the shard folders", ex.Message);
    }

    [Theory]
    [InlineData("2/4", true)]
    [InlineData("1/1", true)]
    [InlineData("0/4", false)]
    [InlineData("5/4", false)]
    [InlineData("1/0", false)]
    [InlineData("2", false)]
    [InlineData("-1/2", false)]
    [InlineData("a/b", false)]
    public void Shard_specs_are_K_of_N(string text, bool valid)
    {
        Assert.Equal(valid, ShardSpec.TryParse(text, out var spec, out var error));
        if (valid) Assert.Equal(text, spec.ToString());
        else Assert.Contains("--shard", error);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
