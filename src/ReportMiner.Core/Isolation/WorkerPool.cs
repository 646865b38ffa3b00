using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Isolation;

/// <summary>How to start a worker: the program, its arguments and extra environment variables.</summary>
public sealed record WorkerCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Variables set for the worker on top of the supervisor's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

/// <summary>Limits every worker runs under.</summary>
/// <param name="MemoryBytes">Managed heap limit (<c>DOTNET_GCHeapHardLimit</c>) and the address-space budget over a loaded worker.</param>
/// <param name="FileTimeout">Wall-clock time one file may take; then the worker is killed.</param>
/// <param name="StartTimeout">Time a new worker may take to load the pipeline.</param>
public sealed record WorkerLimits(long MemoryBytes, TimeSpan FileTimeout, TimeSpan StartTimeout);

/// <summary>
/// Mines files in supervised worker processes (Apache Tika's forked-child server is the model):
/// what parses untrusted bytes runs outside the batch, under an OS memory limit and a
/// wall-clock limit that is enforced by killing the process. A worker that crashes, overflows
/// its stack, runs out of memory or time costs exactly its file, which comes back as an error
/// naming the reason; the next file gets a fresh worker. Idle workers are reused; at most as
/// many run as threads call <see cref="Mine"/> at once. Thread-safe.
/// </summary>
public sealed class WorkerPool : IFileMiner, IDisposable
{
    private readonly WorkerCommand _command;
    private readonly WorkerLimits _limits;
    private readonly Stack<WorkerProcess> _idle = new();
    private readonly HashSet<WorkerProcess> _all = [];
    private bool _disposed;

    public WorkerPool(WorkerCommand command, WorkerLimits limits)
    {
        _command = command;
        _limits = limits;
    }

    /// <summary>Workers started so far (for tests and diagnostics).</summary>
    public int Started { get; private set; }

    /// <summary>
    /// Mines the file at <paramref name="path"/> in a worker: its result or its error, never an
    /// exception for anything the file does. Throws <see cref="WorkerStartException"/> when no
    /// worker can be started at all (an installation problem, not a file's).
    /// </summary>
    internal (CachedDocument? Document, IngestError? Error) Mine(string id, string path)
    {
        var worker = Take();
        bool keep = false;
        try
        {
            var reply = worker.Send(id, path, _limits.FileTimeout);
            keep = reply.WorkerAlive;
            if (reply.Json is { } json)
            {
                var doc = JsonSerializer.Deserialize(json, CacheJsonContext.Relaxed.CachedDocument);
                return doc is not null && doc.Id == id ? (doc, null) : (null, new IngestError(id, "worker", "the worker's answer did not match the file"));
            }
            return (null, new IngestError(id, reply.Stage!, reply.Reason!));
        }
        catch (JsonException ex)
        {
            return (null, new IngestError(id, "worker", $"the worker's answer could not be read: {ex.Message}"));
        }
        finally
        {
            Return(worker, keep);
        }
    }

    (CachedDocument? Document, IngestError? Error) IFileMiner.Mine(string id, string path) => Mine(id, path);

    private WorkerProcess Take()
    {
        lock (_idle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle)) return idle;
        }
        var worker = WorkerProcess.Start(_command, _limits);
        lock (_idle)
        {
            Started++;
            _all.Add(worker);
            if (_disposed)
            {
                worker.Dispose();
                throw new ObjectDisposedException(nameof(WorkerPool));
            }
        }
        return worker;
    }

    private void Return(WorkerProcess worker, bool keep)
    {
        lock (_idle)
        {
            if (keep && !_disposed)
            {
                _idle.Push(worker);
                return;
            }
            _all.Remove(worker);
        }
        worker.Dispose();
    }

    /// <summary>Stops every worker, busy or idle (their files are not answered).</summary>
    public void Dispose()
    {
        List<WorkerProcess> all;
        lock (_idle)
        {
            _disposed = true;
            all = [.. _all];
            _all.Clear();
            _idle.Clear();
        }
        foreach (var w in all) w.Dispose();
    }
}

/// <summary>No worker process could be started (the program is missing, or it failed before it was ready).</summary>
public sealed class WorkerStartException(string message) : Exception(message);

/// <summary>One worker process and its pipes.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Stream _requests;
    private readonly Stream _replies;
    private readonly WorkerLimits _limits;
    /// <summary>The first lines the worker wrote to stderr since the current request (bounded).</summary>
    private readonly StringBuilder _stderr = new();
    private const int StderrKeep = 4096;
    private int _killedFor;   // 0 none, 1 timeout, 2 shutdown

    private WorkerProcess(Process process, WorkerLimits limits)
    {
        _process = process;
        _limits = limits;
        _requests = process.StandardInput.BaseStream;
        _replies = process.StandardOutput.BaseStream;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr)
                if (_stderr.Length < StderrKeep) _stderr.AppendLine(e.Data.Length > 512 ? e.Data[..512] : e.Data);
        };
        process.BeginErrorReadLine();
    }

    public static WorkerProcess Start(WorkerCommand command, WorkerLimits limits)
    {
        var psi = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in command.Environment) psi.Environment[k] = v;
        // glibc reserves an arena of 64 MB of address space per thread that mallocs; two are enough here.
        psi.Environment["MALLOC_ARENA_MAX"] = "2";
        if (limits.MemoryBytes > 0)
            psi.Environment["DOTNET_GCHeapHardLimit"] = "0x" + limits.MemoryBytes.ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new WorkerStartException($"cannot start a worker ({command.FileName})");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new WorkerStartException($"cannot start a worker ({command.FileName}): {ex.Message}");
        }
        var worker = new WorkerProcess(process, limits);
        var ready = worker.ReadWithin(limits.StartTimeout);
        if (ready is not { Kind: WorkerProtocol.Ready })
        {
            worker.Dispose();
            var why = worker.StderrText();
            throw new WorkerStartException($"a worker process ({command.FileName}) did not start{(why.Length > 0 ? ": " + FirstLine(why) : "")}");
        }
        return worker;
    }

    /// <summary>What came back for one file.</summary>
    public readonly record struct Reply(byte[]? Json, string? Stage, string? Reason, bool WorkerAlive);

    public Reply Send(string id, string path, TimeSpan timeout)
    {
        lock (_stderr) _stderr.Clear();
        try
        {
            WorkerProtocol.WriteFrame(_requests, WorkerProtocol.Request, WorkerProtocol.Utf8(id), WorkerProtocol.Utf8(path));
        }
        catch (IOException)
        {
            return Death();
        }
        var frame = ReadWithin(timeout);
        if (frame is { Kind: WorkerProtocol.Document, Parts: [var json] }) return new(json, null, null, _killedFor == 0);
        if (frame is { Kind: WorkerProtocol.Error or WorkerProtocol.FatalError, Parts: [var stage, var reason] })
        {
            var s = Encoding.UTF8.GetString(stage);
            var r = Encoding.UTF8.GetString(reason);
            if (s == "memory")
                return new(null, "memory", $"ran out of memory: the file needs more than the worker's {_limits.MemoryBytes >> 20} MB (ingest.worker_memory_mb)", false);
            return new(null, s, r, frame.Value.Kind == WorkerProtocol.Error && _killedFor == 0);
        }
        return Death();
    }

    /// <summary>Reads one frame, killing the worker when none came within <paramref name="timeout"/>.</summary>
    private (byte Kind, byte[][] Parts)? ReadWithin(TimeSpan timeout)
    {
        using var timer = new Timer(_ => Kill(1), null, timeout, Timeout.InfiniteTimeSpan);
        var frame = WorkerProtocol.ReadFrame(_replies);
        return frame;
    }

    /// <summary>The worker is gone (or killed): why, from how it ended and what it wrote to stderr.</summary>
    private Reply Death()
    {
        Kill(0);
        int? code = null;
        try
        {
            if (_process.WaitForExit(10_000))
            {
                _process.WaitForExit();   // drains the stderr reader
                code = _process.ExitCode;
            }
        }
        catch (InvalidOperationException) { }
        var err = StderrText();
        int seconds = (int)Math.Round(_limits.FileTimeout.TotalSeconds);
        if (_killedFor == 1)
            return new(null, "timeout", $"not finished after {seconds} s (ingest.timeout_seconds); its worker process was killed", false);
        if (_killedFor == 2)
            return new(null, "worker", "stopped: the run was interrupted", false);
        if (err.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase))
            return new(null, "worker", "the reader overflowed its stack (objects that refer to each other in a cycle, or nesting too deep); its worker process crashed", false);
        if (err.Contains("OutOfMemory", StringComparison.Ordinal) || err.Contains("Out of memory", StringComparison.OrdinalIgnoreCase) || code == 137)
            return new(null, "memory", $"ran out of memory: the file needs more than the worker's {_limits.MemoryBytes >> 20} MB (ingest.worker_memory_mb); its worker process ended", false);
        var signal = code is > 128 and < 160 ? $" (signal {code - 128})" : "";
        var first = FirstLine(err);
        return new(null, "worker", $"its worker process died with exit code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}{signal}{(first.Length > 0 ? ": " + first : "")}", false);
    }

    private string StderrText()
    {
        lock (_stderr) return _stderr.ToString();
    }

    private static string FirstLine(string text)
    {
        foreach (var line in text.Split('\n'))
            if (line.Trim() is { Length: > 0 } t) return t.Length > 200 ? t[..200] : t;
        return "";
    }

    private void Kill(int reason)
    {
        lock (_stderr)
        {
            if (_killedFor != 0) return;
            if (reason != 0) _killedFor = reason;
        }
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }

    public void Dispose()
    {
        try { _requests.Dispose(); } catch (IOException) { }
        Kill(2);
        try
        {
            // The untimed wait also drains the stderr reader, so what the worker said is all there.
            if (_process.WaitForExit(5_000)) _process.WaitForExit();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
