namespace ReportMiner.County;

/// <summary>The reporting jurisdiction a document belongs to.</summary>
/// <param name="Key">File-safe key: the name as written (e.g. <c>仙居县</c>) or <c>unknown-…</c>.</param>
/// <param name="Name">Name as written, or null when it cannot be named.</param>
/// <param name="Code">GB/T 2260 code, where the gazetteer resolves it.</param>
/// <param name="Province">Province name, where known.</param>
/// <param name="City">Prefecture-level city, where known.</param>
public sealed record CountyRef(string Key, string? Name, string? Code = null, string? Province = null, string? City = null)
{
    /// <summary>Candidates when a short name was ambiguous and left unresolved.</summary>
    public IReadOnlyList<string>? Candidates { get; init; }
}

/// <summary>Names the county (县, 区 or 市) a report comes from.</summary>
public interface ICountyResolver
{
    /// <param name="documentId">Path of the document relative to the input root.</param>
    /// <param name="sha256">Hash of the file, for a stable <c>unknown-</c> key.</param>
    /// <param name="title">The report's title, if any.</param>
    /// <param name="issuer">The issuing body, if any.</param>
    /// <param name="text">The normalised text of the report.</param>
    CountyRef Resolve(string documentId, string sha256, string? title, string? issuer, string text);
}
