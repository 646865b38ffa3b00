using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Review;

/// <summary>
/// Reads the source files a review is about and runs the rules over them, once per document:
/// the normalised text maps a mention's span back to the file (the offsets gold records), and
/// the report split gives the gold's report parts.
/// </summary>
public sealed class ReviewSources(ReportPipeline rules)
{
    private readonly ReaderRegistry _readers = ReaderRegistry.CreateDefault();
    private readonly Dictionary<string, (DocumentResult? Result, string? Problem)> _cache = new(StringComparer.Ordinal);

    /// <summary>The rules' result for <paramref name="id"/> read from <paramref name="path"/>, or why not (missing file, other bytes than <paramref name="sha256"/>, unreadable).</summary>
    public (DocumentResult? Result, string? Problem) Load(string id, string path, string? sha256)
    {
        if (_cache.TryGetValue(id, out var cached)) return cached;
        return _cache[id] = Read(id, path, sha256);
    }

    private (DocumentResult?, string?) Read(string id, string path, string? sha256)
    {
        if (!File.Exists(path)) return (null, $"source file {path} not found");
        var config = rules.Config;
        var options = new IngestOptions
        {
            MaxFileBytes = config.Ingest.MaxFileBytes,
            MaxPages = config.Ingest.MaxPages,
            MaxDecompressedBytes = config.Ingest.MaxDecompressedBytes,
            SofficePath = config.Ingest.Soffice,
        };
        var read = _readers.Read(id, File.ReadAllBytes(path), Path.GetExtension(path), options);
        if (!read.Success) return (null, $"{path}: {read.Error!.Stage}: {read.Error.Reason}");
        if (sha256 is { Length: > 0 } && !string.Equals(read.Document!.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
            return (null, $"{path} has changed since the run (SHA-256 differs)");
        return (rules.Process(read.Document!), null);
    }
}
