using ReportMiner.Ingest;

namespace ReportMiner.Pipeline;

/// <summary>
/// Mines one file outside the batch's process (<see cref="Isolation.WorkerPool"/>): the batch
/// hands it the file's id and path and gets the result it would have computed itself, or the
/// file's error. An interface here, so that the batch does not depend on how workers run.
/// </summary>
public interface IFileMiner
{
    internal (CachedDocument? Document, IngestError? Error) Mine(string id, string path);
}
