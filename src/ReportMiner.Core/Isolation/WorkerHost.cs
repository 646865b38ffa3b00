using System.Text.Json;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Isolation;

/// <summary>
/// The worker side of <see cref="WorkerPool"/> (<c>reportminer __worker</c>): loads the pipeline
/// once, says it is ready, then mines one file per request and answers with the result the
/// batch would have computed in-process. A file that exhausts the managed heap is answered
/// with a fatal error and the worker exits, so the next file gets a fresh process; what cannot
/// be answered at all (a stack overflow, the OS memory limit, a kill) the supervisor sees as
/// the worker's death.
/// </summary>
public static class WorkerHost
{
    /// <summary>
    /// The address space a worker may map beyond its loaded state: twice the heap limit plus
    /// 1 GiB. It is a backstop for native memory, not the precise limit (the heap limit is):
    /// address space is not resident memory, and the runtime and glibc reserve more than they
    /// use (a run with a budget of only the heap limit, 96 MB, failed to map an assembly after
    /// a large PDF, and reported the PDF as damaged).
    /// </summary>
    public static long AddressSpaceBudget(long memoryBytes) => 2 * memoryBytes + (1L << 30);

    /// <summary>Runs the request loop until stdin closes. Returns the process exit code.</summary>
    /// <param name="pipeline">The pipeline, built from the same pipeline.yaml as the supervisor's.</param>
    /// <param name="requests">The supervisor's frames (the worker's stdin).</param>
    /// <param name="replies">Where replies go (the worker's real stdout; nothing else may write there).</param>
    /// <param name="addressSpaceBudgetBytes">RLIMIT_AS budget over what is mapped once the pipeline is loaded (0: none).</param>
    public static int Run(ReportPipeline pipeline, Stream requests, Stream replies, long addressSpaceBudgetBytes)
    {
        var runner = new BatchRunner(pipeline, ReaderRegistry.CreateDefault(), TextWriter.Null);
        // Pages are OCRed side by side within the batch's --jobs, shared with the other workers (OcrSlots).
        var options = pipeline.Config.Ingest.ToOptions() with { OcrJobs = Ingest.OcrSlots.Shared()?.Slots ?? 1 };
        if (ResourceLimits.Apply(addressSpaceBudgetBytes) is { } why)
            Console.Error.WriteLine($"reportminer worker: {why}");
        WorkerProtocol.WriteFrame(replies, WorkerProtocol.Ready);
        while (WorkerProtocol.ReadFrame(requests) is { } frame)
        {
            if (frame.Kind != WorkerProtocol.Request || frame.Parts.Length != 2) return 2;
            var id = System.Text.Encoding.UTF8.GetString(frame.Parts[0]);
            var path = System.Text.Encoding.UTF8.GetString(frame.Parts[1]);
            try
            {
                var (doc, error) = runner.MineInProcess(id, path, options);
                if (doc is not null)
                    WorkerProtocol.WriteFrame(replies, WorkerProtocol.Document, JsonSerializer.SerializeToUtf8Bytes(doc, CacheJsonContext.Relaxed.CachedDocument));
                else
                    WorkerProtocol.WriteFrame(replies, WorkerProtocol.Error, WorkerProtocol.Utf8(error!.Stage), WorkerProtocol.Utf8(error.Reason));
            }
            catch (OutOfMemoryException)
            {
                // The heap limit was hit: answer while the allocation that failed is garbage, then leave.
                WorkerProtocol.WriteFrame(replies, WorkerProtocol.FatalError, WorkerProtocol.Utf8("memory"), WorkerProtocol.Utf8("out of memory"));
                return 3;
            }
            catch (InsufficientExecutionStackException)
            {
                WorkerProtocol.WriteFrame(replies, WorkerProtocol.FatalError, WorkerProtocol.Utf8("worker"), WorkerProtocol.Utf8("stack overflow"));
                return 3;
            }
        }
        return 0;
    }
}
