using System.Text;
using System.Text.Json;
using ReportMiner.County;
using ReportMiner.Ingest;

namespace ReportMiner.Pipeline;

/// <summary>
/// What the result cache keeps of one file and the key it is kept under: the key hashes the
/// file with everything that made its result (configuration, model, code, data files).
/// </summary>
internal static class CacheEntry
{
    /// <summary>Cache key: the file (id and bytes), the configuration, the model, and the code and data that made the result (<see cref="Fingerprint"/>).</summary>
    public static string Key(string id, string sha256, string fingerprint) => Hashing.Sha256Hex(Encoding.UTF8.GetBytes(string.Join("\n", id, sha256, fingerprint)));

    /// <summary>pipeline.yaml's hash, the model's fingerprint, the build of the pipeline and segmenter code, and the data files they load.</summary>
    public static string Fingerprint(ReportPipeline pipeline)
    {
        var config = pipeline.Config;
        var parts = new List<string>
        {
            "cache/v1",
            config.Sha256,
            pipeline.ModelFingerprint,
            typeof(ReportPipeline).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
            typeof(ReportMiner.Segmentation.JiebaSegmenter).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        };
        var files = new List<string?> { config.County.Gazetteer, config.Normalise.TraditionalTable };
        files.AddRange(config.Segmenter.UserDictionaries);
        if (!string.IsNullOrEmpty(config.Segmenter.Model) && Directory.Exists(config.Resolve(config.Segmenter.Model)))
        {
            var model = Directory.GetFiles(config.Resolve(config.Segmenter.Model));
            Array.Sort(model, StringComparer.Ordinal);
            files.AddRange(model);
        }
        foreach (var data in files)
        {
            if (string.IsNullOrEmpty(data)) continue;
            var file = config.Resolve(data);
            parts.Add(File.Exists(file) ? Hashing.Sha256Hex(File.ReadAllBytes(file)) : "-");
        }
        return string.Join("|", parts);
    }

    public static CachedDocument? Read(ResultCache cache, string key, string id)
    {
        try
        {
            var bytes = cache.TryGet(key);
            if (bytes is null) return null;
            var doc = JsonSerializer.Deserialize(bytes, CacheJsonContext.Relaxed.CachedDocument);
            return doc is not null && doc.Id == id ? doc : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or NotSupportedException)
        {
            return null;
        }
    }
}

/// <summary>The output-relevant part of one file's result, as cached in <c>OUT/.cache</c>.</summary>
internal sealed record CachedDocument(string Id, string Format, string Sha256, List<CachedReport> Reports);

/// <summary>One report of a cached file: its header fields (sections are not kept), county and mentions.</summary>
internal sealed record CachedReport(Structure.Report Report, CountyRef County, List<Extract.Mention> Mentions);

/// <summary>Compile-time JSON for cache entries: no reflection or emitted code at run time.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(CachedDocument))]
internal sealed partial class CacheJsonContext : System.Text.Json.Serialization.JsonSerializerContext
{
    public static CacheJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });
}
