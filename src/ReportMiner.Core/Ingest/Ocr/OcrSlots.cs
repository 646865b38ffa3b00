using System.Globalization;

namespace ReportMiner.Ingest;

/// <summary>
/// Holds the number of Tesseract processes at once to <c>--jobs</c>. In one process a semaphore
/// does it; the worker processes of <c>run</c> share slots that are lock files in a folder the
/// batch names in <see cref="EnvironmentVariable"/> (<c>N|folder</c>): a Tesseract run takes one
/// of the N files with an exclusive lock, so the workers together never run more than N.
/// </summary>
public static class OcrSlots
{
    /// <summary>Set by <c>run</c> for its workers: <c>N|folder</c>.</summary>
    public const string EnvironmentVariable = "REPORTMINER_OCR_SLOTS";

    private static readonly Lock Gate = new();
    private static SemaphoreSlim? _local;
    private static int _localSize;

    /// <summary>The variables to give worker processes so that they share <paramref name="jobs"/> slots in <paramref name="folder"/>.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFor(int jobs, string folder)
        => new Dictionary<string, string> { [EnvironmentVariable] = string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, jobs)}|{folder}") };

    /// <summary>The shared slots this process was given (<see cref="EnvironmentVariable"/>), or null.</summary>
    public static (int Slots, string Folder)? Shared()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(value)) return null;
        int bar = value.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || !int.TryParse(value.AsSpan(0, bar), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1) return null;
        return (n, value[(bar + 1)..]);
    }

    /// <summary>Waits for a slot (at most <paramref name="jobs"/> in this process, or the shared ones); dispose the result to give it back.</summary>
    public static IDisposable Take(int jobs, DateTime deadline)
    {
        if (Shared() is { } shared) return TakeShared(shared.Slots, shared.Folder, deadline);
        SemaphoreSlim local;
        lock (Gate)
        {
            if (_local is null || _localSize != Math.Max(1, jobs))
            {
                _localSize = Math.Max(1, jobs);
                _local = new SemaphoreSlim(_localSize, _localSize);
            }
            local = _local;
        }
        var wait = deadline - DateTime.UtcNow;
        if (!local.Wait(wait > TimeSpan.Zero ? wait : TimeSpan.Zero)) throw new TimeoutException("no OCR slot before the time limit");
        return new Release(() => local.Release());
    }

    private static FileStream TakeShared(int slots, string folder, DateTime deadline)
    {
        Directory.CreateDirectory(folder);
        while (true)
        {
            for (int i = 0; i < slots; i++)
            {
                try
                {
                    // FileShare.None takes an exclusive advisory lock (flock) that other processes see.
                    var stream = new FileStream(Path.Combine(folder, $"slot-{i}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return stream;
                }
                catch (IOException) { }
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no OCR slot before the time limit");
            Thread.Sleep(20);
        }
    }

    private sealed class Release(Action release) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) release();
        }
    }
}
