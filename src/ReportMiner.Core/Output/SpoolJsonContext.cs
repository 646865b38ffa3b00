using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ReportMiner.Extract;

namespace ReportMiner.Output;

/// <summary>
/// Compile-time JSON for what the batch writes and reads back many times (spool lines):
/// no reflection or emitted code at run time, so no JIT work for it either.
/// </summary>
[JsonSerializable(typeof(Mention))]
[JsonSerializable(typeof(CountyDocument))]
internal sealed partial class SpoolJsonContext : JsonSerializerContext
{
    /// <summary>Chinese kept as UTF-8 (a third of the size of \u escapes); NaN and infinities allowed.</summary>
    public static SpoolJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });
}
