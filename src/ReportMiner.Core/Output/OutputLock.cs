using System.Globalization;
using System.Text.Json;

namespace ReportMiner.Output;

/// <summary>
/// One run per output folder: <c>OUT/.reportminer.lock</c>, created atomically (written beside
/// it, then moved into place only if absent), holds
/// the holder's pid, its start time (ticks since boot from <c>/proc/PID/stat</c>, which tells a
/// live holder from a later process that reuses the pid) and host. A lock whose process is gone
/// is stale and is taken over; a live one is refused with <see cref="OutputLockedException"/>,
/// before anything in the folder is touched. Released (deleted, when still ours) on dispose.
/// </summary>
public sealed class OutputLock : IDisposable
{
    public const string FileName = ".reportminer.lock";

    private readonly string _path;
    private readonly string _content;

    private OutputLock(string path, string content)
    {
        _path = path;
        _content = content;
    }

    /// <summary>Takes the lock of <paramref name="outputDirectory"/> (which must exist), or throws <see cref="OutputLockedException"/>.</summary>
    public static OutputLock Acquire(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        var content = Describe(Environment.ProcessId);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            // Written whole beside it, then linked into place without overwriting: a lock is never seen half-written.
            var tmp = AtomicFile.TempPathFor(path);
            File.WriteAllText(tmp, content);
            try
            {
                File.Move(tmp, path, overwrite: false);
                return new OutputLock(path, content);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(tmp);
                var holder = Holder.Read(path);
                if (holder is not null && holder.IsAlive())
                    throw new OutputLockedException(outputDirectory, holder);
                // Stale (its process is gone) or unreadable half-written: remove it and try again.
                try { File.Delete(path); } catch (IOException) { }
            }
        }
        throw new OutputLockedException(outputDirectory, Holder.Read(path));
    }

    public void Dispose()
    {
        try
        {
            if (File.Exists(_path) && File.ReadAllText(_path) == _content) File.Delete(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    private static string Describe(int pid) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["pid"] = pid,
        ["start_ticks"] = StartTicks(pid),
        ["started"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["host"] = Environment.MachineName,
    });

    /// <summary>Field 22 of /proc/PID/stat (start time in clock ticks since boot), or null when unknown.</summary>
    internal static long? StartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Who holds a lock, as its file says.</summary>
    public sealed record Holder(int Pid, long? StartTicks, string Started, string Host)
    {
        public static Holder? Read(string path)
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                var r = doc.RootElement;
                return new Holder(r.GetProperty("pid").GetInt32(),
                    r.TryGetProperty("start_ticks", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : null,
                    r.GetProperty("started").GetString() ?? "?", r.GetProperty("host").GetString() ?? "");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>True unless the holder is known to be gone: same host, and no process with its pid and start time.</summary>
        public bool IsAlive()
        {
            if (Host != Environment.MachineName || !OperatingSystem.IsLinux()) return true;
            if (!Directory.Exists($"/proc/{Pid}")) return false;
            var now = OutputLock.StartTicks(Pid);
            return now is null || StartTicks is null || now == StartTicks;
        }
    }
}

/// <summary>Another live run holds the output folder.</summary>
public sealed class OutputLockedException(string directory, OutputLock.Holder? holder) : Exception(
    holder is null
        ? $"{directory} is in use by another run ({OutputLock.FileName} exists and cannot be read); wait for it, or delete the lock file if no run is using the folder"
        : $"{directory} is in use by another run (pid {holder.Pid}, started {holder.Started}); wait for it to end or use another --out");
