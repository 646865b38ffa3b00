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

    /// <summary>Where OCR is used: only where a page has no usable text (auto), never, or on every page.</summary>
    public OcrMode Ocr { get; init; } = OcrMode.Auto;

    /// <summary>Tesseract languages, joined by '+' for <c>-l</c>.</summary>
    public IReadOnlyList<string> OcrLanguages { get; init; } = ["chi_sim"];

    /// <summary>Resolution PDF pages are rendered at for OCR.</summary>
    public int OcrDpi { get; init; } = 300;

    /// <summary>Path of <c>tesseract</c>, or null to look it up on PATH.</summary>
    public string? TesseractPath { get; init; }

    /// <summary>Path of poppler's <c>pdftoppm</c>, or null to look it up on PATH.</summary>
    public string? PdftoppmPath { get; init; }

    /// <summary>Most Tesseract processes at once (the batch's <c>--jobs</c>; across workers see <c>OcrSlots</c>).</summary>
    public int OcrJobs { get; init; } = 1;

    public static IngestOptions Default { get; } = new();
}

/// <summary>When pages are read by OCR (<c>ingest.ocr</c>).</summary>
public enum OcrMode
{
    /// <summary>Only pages without a usable text layer (scans, fonts without ToUnicode) and image files.</summary>
    Auto,
    /// <summary>Never: such pages and image files are errors.</summary>
    Off,
    /// <summary>Every PDF page, whatever its text layer.</summary>
    Force,
}
