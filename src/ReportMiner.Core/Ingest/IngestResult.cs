namespace ReportMiner.Ingest;

/// <summary>A failure to read one file: which file, at which stage, and why.</summary>
public sealed record IngestError(string Document, string Stage, string Reason);

/// <summary>The outcome of reading one file: a document or an error, never an exception.</summary>
public readonly struct IngestResult
{
    private IngestResult(SourceDocument? document, IngestError? error)
    {
        Document = document;
        Error = error;
    }

    public SourceDocument? Document { get; }
    public IngestError? Error { get; }
    public bool Success => Document is not null;

    public static IngestResult Ok(SourceDocument document) => new(document, null);
    public static IngestResult Fail(string document, string stage, string reason) => new(null, new IngestError(document, stage, reason));
}
