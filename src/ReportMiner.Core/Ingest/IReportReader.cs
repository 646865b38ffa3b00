namespace ReportMiner.Ingest;

/// <summary>
/// Reads one file format into a <see cref="SourceDocument"/>. Implementations are stateless
/// and thread-safe; failures come back as <see cref="IngestResult.Fail"/>, not exceptions.
/// </summary>
public interface IReportReader
{
    /// <summary>The format name this reader produces (<c>txt</c>, <c>pdf</c>, …).</summary>
    string Format { get; }

    /// <summary>True when the content (first bytes) or, failing that, the extension says this format.</summary>
    ReaderMatch Match(ReadOnlySpan<byte> head, string extension);

    /// <summary>Reads the file's bytes. <paramref name="id"/> is the document id used in errors.</summary>
    IngestResult Read(string id, ReadOnlyMemory<byte> bytes, IngestOptions options);
}

/// <summary>How sure a reader is that a file is its format.</summary>
public enum ReaderMatch
{
    No = 0,
    /// <summary>Only the file name suggests it.</summary>
    Extension = 1,
    /// <summary>The bytes themselves say so (magic number).</summary>
    Content = 2,
}

/// <summary>Limits and switches for the readers (from <c>pipeline.yaml</c>, section <c>ingest</c>).</summary>
public sealed record IngestOptions
{
    /// <summary>Largest file accepted, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>Most PDF pages read from one file.</summary>
    public int MaxPages { get; init; } = 2000;

    /// <summary>Most bytes one archive (DOCX) or all of a PDF's compressed streams may inflate to.</summary>
    public long MaxDecompressedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Most operators one PDF content stream may hold (a page's drawing; PdfPig keeps them all in memory).</summary>
    public long MaxStreamOperators { get; init; } = 2_000_000;

    /// <summary>Path of LibreOffice's <c>soffice</c>, or null to look it up on PATH.</summary>
    public string? SofficePath { get; init; }

    /// <summary>Longest time one file may take in an external converter (LibreOffice for .doc/.wps).</summary>
    public int TimeoutSeconds { get; init; } = 120;

    public static IngestOptions Default { get; } = new();
}
