namespace ReportMiner.Normalise;

/// <summary>What <see cref="TextNormalizer"/> removes, from <c>pipeline.yaml</c> section <c>normalise</c>.</summary>
public sealed class TextNormalizerOptions
{
    /// <summary>Regexes; a line matching one of them in full is page furniture and dropped.</summary>
    public List<string> BoilerplateLines { get; init; } = [];

    /// <summary>Regexes; matches inside a line (site watermarks, URLs) are removed.</summary>
    public List<string> Watermarks { get; init; } = [];

    /// <summary>Path of the traditional → simplified character table (TSV), or null for none.</summary>
    public string? TraditionalTable { get; init; }
}
