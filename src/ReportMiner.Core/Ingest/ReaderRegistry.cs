namespace ReportMiner.Ingest;

/// <summary>
/// Picks the reader for a file by its content first (magic bytes), then by its extension,
/// and turns every failure into an <see cref="IngestError"/> naming the file.
/// </summary>
public sealed class ReaderRegistry
{
    private readonly IReadOnlyList<IReportReader> _readers;

    public ReaderRegistry(IEnumerable<IReportReader> readers) => _readers = readers.ToArray();

    /// <summary>The readers ReportMiner ships with.</summary>
    public static ReaderRegistry CreateDefault() => new([new TxtReportReader(), new PdfReportReader(), new DocxReportReader(), new LegacyWordReportReader(), new ImageReportReader()]);

    /// <summary>File extensions that a batch run picks up.</summary>
    public static IReadOnlySet<string> ReportExtensions { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".pdf", ".docx", ".doc", ".wps", ".png", ".jpg", ".jpeg", ".tif", ".tiff" };

    /// <summary>The format of the reader that would read these bytes (by content, then extension), or null for none.</summary>
    public string? FormatOf(ReadOnlySpan<byte> bytes, string extension) => Choose(bytes[..Math.Min(bytes.Length, 512)], extension)?.Format;

    private IReportReader? Choose(ReadOnlySpan<byte> head, string extension)
    {
        IReportReader? best = null;
        var bestMatch = ReaderMatch.No;
        foreach (var reader in _readers)
        {
            var m = reader.Match(head, extension.ToLowerInvariant());
            if (m > bestMatch) { best = reader; bestMatch = m; }
        }
        return best;
    }

    public IngestResult Read(string id, ReadOnlyMemory<byte> bytes, string extension, IngestOptions options)
    {
        if (bytes.Length == 0)
            return IngestResult.Fail(id, "ingest", "file is empty");
        if (bytes.Length > options.MaxFileBytes)
            return IngestResult.Fail(id, "ingest", $"file is {bytes.Length} bytes, over the limit of {options.MaxFileBytes} (ingest.max_file_bytes)");
        var head = bytes.Span[..Math.Min(bytes.Length, 512)];
        var best = Choose(head, extension);
        if (best is null)
            return IngestResult.Fail(id, "ingest", $"unsupported format (extension '{extension}', first bytes {Convert.ToHexString(head[..Math.Min(8, head.Length)])})");
        try
        {
            return best.Read(id, bytes, options);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return IngestResult.Fail(id, best.Format, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
