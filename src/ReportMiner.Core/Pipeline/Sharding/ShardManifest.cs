using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ReportMiner.Output;

namespace ReportMiner.Pipeline;

/// <summary>
/// <c>OUT/shard.json</c>, written by <c>run --shard K/N</c>: which part this folder holds, what made
/// it (<see cref="RunIdentity"/>), which input it was cut from (the number and digest of all relative
/// paths), and every file it owned with its cache key (the result is in <c>.cache/results.log</c>)
/// or its error. <c>merge</c> checks the shards against each other with it and replays their results.
/// </summary>
public sealed record ShardManifest(string Schema, int Part, int Parts, RunIdentity Identity, int Inputs, string InputsSha256, IReadOnlyList<ShardFile> Files)
{
    public const string FileName = "shard.json";
    public const string CurrentSchema = "reportminer/shard/v1";

    /// <summary>SHA-256 of the relative paths of the whole input, in input order, one per line.</summary>
    public static string Digest(IEnumerable<string> ids)
    {
        var sb = new StringBuilder();
        foreach (var id in ids) sb.Append(id).Append('\n');
        return Ingest.Hashing.Sha256Hex(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ShardJsonContext.Default.ShardManifest);

    /// <summary>Reads <c>shard.json</c> of <paramref name="dir"/>; throws <see cref="ShardMergeException"/> saying what is wrong.</summary>
    public static ShardManifest Read(string dir)
    {
        var path = Path.Combine(dir, FileName);
        if (!File.Exists(path))
            throw new ShardMergeException($"{dir}: not a shard output folder (no {FileName}; shards are made by 'run --shard K/N')");
        ShardManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), ShardJsonContext.Default.ShardManifest);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ShardMergeException($"{path}: cannot be read as a shard manifest: {ex.Message}");
        }
        if (manifest is null || manifest.Schema != CurrentSchema || manifest.Identity is null || manifest.Files is null || manifest.InputsSha256 is null)
            throw new ShardMergeException($"{path}: not a {CurrentSchema} manifest (made by another version of reportminer?)");
        if (manifest.Parts < 1 || manifest.Part < 1 || manifest.Part > manifest.Parts)
            throw new ShardMergeException($"{path}: part {manifest.Part}/{manifest.Parts} is not a valid K/N");
        return manifest;
    }

    /// <summary>Writes the manifest into <paramref name="outDir"/> (atomically), or removes a stale one when this run is not a shard.</summary>
    public static void Publish(string outDir, ShardManifest? manifest)
    {
        var path = Path.Combine(outDir, FileName);
        if (manifest is not null) AtomicFile.WriteIfChanged(path, manifest.ToJson());
        else if (File.Exists(path)) File.Delete(path);
    }
}

/// <summary>A file a shard owned: its relative path and either its cache key or the stage and reason it failed.</summary>
public sealed record ShardFile(string Id, string? Key = null, string? Stage = null, string? Reason = null);

/// <summary>Why shards cannot be merged; the message names the shard folder, part or file and the problem.</summary>
public sealed class ShardMergeException(string message) : Exception(message);

/// <summary>Compile-time JSON for <c>shard.json</c>: snake_case keys, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ShardManifest))]
internal sealed partial class ShardJsonContext : JsonSerializerContext;
