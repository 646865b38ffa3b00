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
    /// <summary>Cache key: the file (id and bytes), the configuration, the model, and the code and data that made the result (<see cref="RunIdentity.Fingerprint"/>).</summary>
    public static string Key(string id, string sha256, string fingerprint) => Hashing.Sha256Hex(Encoding.UTF8.GetBytes(string.Join("\n", id, sha256, fingerprint)));

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

/// <summary>The output-relevant part of one file's result, as cached in <c>OUT/.cache</c>; <paramref name="Ocr"/>: some of its text was read by OCR.</summary>
internal sealed record CachedDocument(string Id, string Format, string Sha256, List<CachedReport> Reports, bool Ocr = false);

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
