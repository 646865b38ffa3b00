using ReportMiner.Isolation;

namespace ReportMiner.Core.Tests.Isolation;

/// <summary>
/// The supervisor side of worker isolation, with stand-in workers (sh scripts that speak just
/// enough of the protocol): a worker that hangs is killed at the time limit, one that crashes
/// or overflows its stack costs only its file, and the next file gets a fresh worker.
/// </summary>
public class WorkerPoolTests
{
    /// <summary>The Ready frame (kind 5, no parts) in printf's octal escapes.</summary>
    private const string Ready = @"printf '\005\000\000\000\000'";

    private static WorkerPool Pool(string script, double timeoutSeconds = 30)
        => new(new WorkerCommand("/bin/sh", ["-c", script]), new WorkerLimits(0, TimeSpan.FromSeconds(timeoutSeconds), TimeSpan.FromSeconds(30)));

    [Fact]
    public void A_worker_that_does_not_answer_is_killed_at_the_time_limit()
    {
        using var pool = Pool($"{Ready}; exec sleep 600", timeoutSeconds: 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (doc, error) = pool.Mine("slow.pdf", "/nonexistent/slow.pdf");
        Assert.Null(doc);
        Assert.Equal("timeout", error!.Stage);
        Assert.Contains("not finished after 1 s", error.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void A_stack_overflow_costs_its_file_and_the_next_file_gets_a_fresh_worker()
    {
        // Waits for the request's first byte, then dies as .NET does on a stack overflow (message, SIGABRT).
        using var pool = Pool($"{Ready}; head -c 1 >/dev/null; echo 'Stack overflow.' >&2; echo '   at Deep.Call()' >&2; kill -ABRT $$");
        var (_, first) = pool.Mine("cycle.pdf", "/x/cycle.pdf");
        Assert.Equal("worker", first!.Stage);
        Assert.Contains("overflowed its stack", first.Reason);
        var (_, second) = pool.Mine("next.pdf", "/x/next.pdf");
        Assert.Contains("overflowed its stack", second!.Reason);
        Assert.Equal(2, pool.Started);
    }

    [Fact]
    public void A_worker_that_dies_is_reported_with_its_exit_code_and_first_stderr_line()
    {
        using var pool = Pool($"{Ready}; head -c 1 >/dev/null; echo 'segfault in native code' >&2; exit 7");
        var (_, error) = pool.Mine("a.pdf", "/x/a.pdf");
        Assert.Equal("worker", error!.Stage);
        Assert.Contains("exit code 7", error.Reason);
        Assert.Contains("segfault in native code", error.Reason);
    }

    [Fact]
    public void A_worker_that_never_becomes_ready_is_an_installation_error_not_a_file_error()
    {
        using var pool = Pool("echo 'cannot load pipeline' >&2; exit 2");
        var ex = Assert.Throws<WorkerStartException>(() => pool.Mine("a.pdf", "/x/a.pdf"));
        Assert.Contains("cannot load pipeline", ex.Message);
    }

    [Fact]
    public void A_missing_worker_program_is_an_installation_error()
    {
        using var pool = new WorkerPool(new WorkerCommand("/nonexistent/reportminer", []), new WorkerLimits(0, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)));
        Assert.Throws<WorkerStartException>(() => pool.Mine("a.pdf", "/x/a.pdf"));
    }

    [Fact]
    public void Frames_round_trip_and_a_torn_frame_reads_as_the_end()
    {
        var stream = new MemoryStream();
        WorkerProtocol.WriteFrame(stream, WorkerProtocol.Error, WorkerProtocol.Utf8("pdf"), WorkerProtocol.Utf8("损坏的文件"));
        stream.Position = 0;
        var frame = WorkerProtocol.ReadFrame(stream);
        Assert.Equal(WorkerProtocol.Error, frame!.Value.Kind);
        Assert.Equal("损坏的文件", System.Text.Encoding.UTF8.GetString(frame.Value.Parts[1]));
        var torn = new MemoryStream(stream.ToArray()[..^3]);
        Assert.Null(WorkerProtocol.ReadFrame(torn));
    }
}
