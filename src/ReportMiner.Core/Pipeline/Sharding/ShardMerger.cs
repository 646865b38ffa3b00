using System.Globalization;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using ReportMiner.Ingest;

namespace ReportMiner.Pipeline;

/// <summary>
/// <c>reportminer merge</c>: checks that shard output folders are the parts of one split of one
/// input, made by the same pipeline.yaml, model, data and build as this merge, with no part missing
/// or given twice; then replays their per-file results, in the input order a single <c>run</c> would
/// use, through the batch's own writer (<see cref="BatchRunner"/>). County files, errors, tables and
/// the cache log come out of the same code as a single run's, so they are the same bytes.
/// </summary>
public static class ShardMerger
{
    /// <summary>
    /// Merges <paramref name="shardDirs"/> into <c>options.OutputDirectory</c>. Throws
    /// <see cref="ShardMergeException"/> (naming the shard, part or file) before writing anything
    /// when the shards do not fit together.
    /// </summary>
    public static BatchSummary Merge(BatchRunner runner, IReadOnlyList<string> shardDirs, BatchOptions options)
    {
        if (shardDirs.Count == 0) throw new ShardMergeException("no shard folders given");
        var outFull = Path.GetFullPath(options.OutputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var shards = new List<(string Dir, ShardManifest Manifest)>();
        foreach (var dir in shardDirs)
        {
            if (!Directory.Exists(dir)) throw new ShardMergeException($"{dir}: no such folder");
            if (string.Equals(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar), outFull, StringComparison.Ordinal))
                throw new ShardMergeException($"{dir}: --out must not be one of the shard folders");
            shards.Add((dir, ShardManifest.Read(dir)));
        }
        var files = Check(shards, runner.Identity);
        using var replay = ShardReplay.Open(shards, files);
        return runner.Run(options with { Shard = null }, replay);
    }

    /// <summary>
    /// The files of all shards in input order, each with the index of its shard, after checking that
    /// the shards fit together; otherwise a <see cref="ShardMergeException"/> saying which do not.
    /// </summary>
    public static List<(ShardFile File, int Shard)> Check(IReadOnlyList<(string Dir, ShardManifest Manifest)> shards, RunIdentity own)
    {
        string Name(int i) => $"{shards[i].Dir} (part {shards[i].Manifest.Part}/{shards[i].Manifest.Parts})";
        var first = shards[0].Manifest;

        // One split: the same N everywhere, every K once.
        for (int i = 1; i < shards.Count; i++)
            if (shards[i].Manifest.Parts != first.Parts)
                throw new ShardMergeException($"shards of different splits: {Name(0)} and {Name(i)}; every shard of one merge must come from the same --shard K/N with the same N");
        var byPart = new Dictionary<int, int>();
        for (int i = 0; i < shards.Count; i++)
        {
            if (byPart.TryGetValue(shards[i].Manifest.Part, out int other))
                throw new ShardMergeException($"overlapping parts: {shards[other].Dir} and {shards[i].Dir} are both part {shards[i].Manifest.Part}/{first.Parts}");
            byPart[shards[i].Manifest.Part] = i;
        }
        var missing = Enumerable.Range(1, first.Parts).Where(k => !byPart.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw new ShardMergeException(string.Format(CultureInfo.InvariantCulture, "missing parts: {0} of {1} (give every shard folder of the split; re-run the missing ones with --shard K/{1})",
                string.Join(", ", missing.Take(20)) + (missing.Count > 20 ? ", ..." : ""), first.Parts));

        // One configuration, model, data and build: among the shards, and the same as this merge's.
        for (int i = 1; i < shards.Count; i++)
        {
            var differ = first.Identity.Differences(shards[i].Manifest.Identity);
            if (differ.Count > 0)
                throw new ShardMergeException($"{Name(0)} and {Name(i)} were made with a different {string.Join(", ", differ)}; run every shard with the same reportminer and --config");
        }
        var mine = own.Differences(first.Identity);
        if (mine.Count > 0)
            throw new ShardMergeException($"the shards were made with a different {string.Join(", ", mine)} than this merge uses; merge with the same reportminer and --config as the shards");

        // One input: the same list of files everywhere, each file in the part its path hashes to, once.
        for (int i = 1; i < shards.Count; i++)
        {
            var m = shards[i].Manifest;
            if (m.Inputs != first.Inputs || m.InputsSha256 != first.InputsSha256)
                throw new ShardMergeException(string.Format(CultureInfo.InvariantCulture,
                    "{0} and {1} were cut from different inputs ({2} and {3} files, or other file names); run every shard over the same --input", Name(0), Name(i), first.Inputs, m.Inputs));
        }
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        var files = new List<(ShardFile File, int Shard)>(first.Inputs);
        for (int i = 0; i < shards.Count; i++)
        {
            foreach (var f in shards[i].Manifest.Files)
            {
                if (f?.Id is null) throw new ShardMergeException($"{Name(i)}: {ShardManifest.FileName} lists a file without an id");
                if (owner.TryGetValue(f.Id, out int other))
                    throw new ShardMergeException($"overlapping parts: {f.Id} is in both {Name(other)} and {Name(i)}");
                if (ShardSpec.PartOf(f.Id, first.Parts) != shards[i].Manifest.Part)
                    throw new ShardMergeException($"{Name(i)}: {f.Id} does not belong to part {shards[i].Manifest.Part}/{first.Parts} (the manifest was edited or made by another split)");
                if (f.Key is null && f.Stage is null)
                    throw new ShardMergeException($"{Name(i)}: no result stored for {f.Id} (its cache could not be written); re-run that shard");
                owner[f.Id] = i;
                files.Add((f, i));
            }
        }
        if (files.Count != first.Inputs)
            throw new ShardMergeException(string.Format(CultureInfo.InvariantCulture,
                "missing files: the shards hold {0} of the {1} input files; re-run the shards whose folders were not complete", files.Count, first.Inputs));
        files.Sort((a, b) => string.CompareOrdinal(a.File.Id, b.File.Id));
        return files;
    }
}

/// <summary>
/// The per-file results of checked shards, in input order, as the batch writer takes them: a mined
/// file's cached result (with its cache key and stored bytes, which go into the merged cache as a
/// single run would have written them), or a failed file's error.
/// </summary>
internal sealed class ShardReplay : IDisposable
{
    private readonly IReadOnlyList<(ShardFile File, int Shard)> _files;
    private readonly ShardLog[] _logs;
    private readonly string[] _dirs;

    private ShardReplay(IReadOnlyList<(ShardFile File, int Shard)> files, ShardLog[] logs, string[] dirs)
    {
        _files = files;
        _logs = logs;
        _dirs = dirs;
        Inputs = files.Select(f => (f.File.Id, Path.Combine(dirs[f.Shard], f.File.Id))).ToList();
    }

    /// <summary>The files, as (id, path in the shard folder), in input order.</summary>
    public List<(string Id, string Path)> Inputs { get; }

    /// <summary>Opens every shard's cache log read-only and checks that it holds every mined file's result.</summary>
    public static ShardReplay Open(IReadOnlyList<(string Dir, ShardManifest Manifest)> shards, IReadOnlyList<(ShardFile File, int Shard)> files)
    {
        var logs = new ShardLog[shards.Count];
        try
        {
            for (int i = 0; i < shards.Count; i++) logs[i] = ShardLog.Open(shards[i].Dir);
            foreach (var (file, shard) in files)
                if (file.Key is not null && !logs[shard].Contains(file.Key))
                    throw new ShardMergeException($"{shards[shard].Dir}: its cache has no result for {file.Id} (.cache/{ResultCache.FileName} is missing or was replaced); re-run that shard");
            return new ShardReplay(files, logs, shards.Select(s => s.Dir).ToArray());
        }
        catch
        {
            foreach (var log in logs) log?.Dispose();
            throw;
        }
    }

    /// <summary>The result of file <paramref name="i"/> (input order); safe from any thread.</summary>
    internal BatchRunner.FileOutcome Outcome(int i)
    {
        var (file, shard) = _files[i];
        if (file.Key is null) return new(null, new IngestError(file.Id, file.Stage ?? "", file.Reason ?? ""), false);
        var bytes = _logs[shard].Read(file.Key)
            ?? throw new ShardMergeException($"{_dirs[shard]}: the cached result of {file.Id} could not be read; re-run that shard");
        CachedDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize(bytes, CacheJsonContext.Relaxed.CachedDocument);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new ShardMergeException($"{_dirs[shard]}: the cached result of {file.Id} is damaged ({ex.Message}); re-run that shard");
        }
        if (doc is null || doc.Id != file.Id)
            throw new ShardMergeException($"{_dirs[shard]}: the cached result stored for {file.Id} is not that file's; re-run that shard");
        return new(doc, null, false, file.Key, bytes);
    }

    public void Dispose()
    {
        foreach (var log in _logs) log.Dispose();
    }
}

/// <summary>A shard's <c>.cache/results.log</c>, read-only: the shard folder is not changed by a merge.</summary>
internal sealed class ShardLog : IDisposable
{
    private readonly SafeFileHandle? _handle;
    private readonly Dictionary<string, (long Offset, int Length)> _index = new(StringComparer.Ordinal);

    private ShardLog(SafeFileHandle? handle) => _handle = handle;

    public static ShardLog Open(string shardDir)
    {
        var path = Path.Combine(shardDir, ".cache", ResultCache.FileName);
        if (!File.Exists(path)) return new ShardLog(null);
        var log = new ShardLog(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read));
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            ResultCache.Scan(stream, log._index);
        return log;
    }

    public bool Contains(string key) => _index.ContainsKey(key);

    public byte[]? Read(string key)
    {
        if (_handle is null || !_index.TryGetValue(key, out var at)) return null;
        var bytes = new byte[at.Length];
        return RandomAccess.Read(_handle, bytes, at.Offset) == at.Length ? bytes : null;
    }

    public void Dispose() => _handle?.Dispose();
}
