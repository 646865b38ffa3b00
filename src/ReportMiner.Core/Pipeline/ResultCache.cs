using System.Buffers.Binary;
using System.Text;
using ReportMiner.Output;

namespace ReportMiner.Pipeline;

/// <summary>
/// The incremental cache of a batch: one append-only log file, <c>OUT/.cache/results.log</c>,
/// of (key, bytes) records. One file instead of a file per input, because creating thousands
/// of small files costs more than mining them on some file systems (measured: ext4 spent
/// seconds in inode allocation for 5,625 entries). Lookups read by offset and are safe from
/// any thread; appends come from one thread. A run killed mid-append leaves a torn last
/// record, which the next open cuts off. When a run has used less than half of the log, it
/// is rewritten with the used records only (temp file + rename), so stale entries go away.
/// </summary>
public sealed class ResultCache : IDisposable
{
    public const string FileName = "results.log";

    private static ReadOnlySpan<byte> Magic => "RMC1"u8;
    private const int HeaderBytes = 4 + 2 + 4;   // magic, key length, payload length
    private const int MaxKeyBytes = 256;

    private readonly string _path;
    private readonly Dictionary<string, (long Offset, int Length)> _index = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly FileStream _log;
    /// <summary>
    /// The log's handle, for positional reads. Taken once: FileStream.SafeFileHandle flushes the
    /// stream's buffer on every call, which from a reader thread would race the appending one.
    /// </summary>
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _handle;
    /// <summary>How much of the log is in the file (the rest is in the stream's buffer); positional reads see only that.</summary>
    private long _flushed;

    private ResultCache(string path)
    {
        _path = path;
        _log = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        long valid = Scan(_log, _index);
        if (valid < _log.Length) _log.SetLength(valid);   // a torn record from a killed run
        _log.Position = valid;
        _flushed = valid;
        _handle = _log.SafeFileHandle;
    }

    /// <summary>Opens (or creates) the cache in <paramref name="directory"/>.</summary>
    public static ResultCache Open(string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.RemoveLeftovers(directory);
        return new ResultCache(Path.Combine(directory, FileName));
    }

    /// <summary>Number of records the log holds (live or stale).</summary>
    public int Count => _index.Count;

    /// <summary>
    /// The bytes stored under <paramref name="key"/>, or null. Safe from any thread, also while
    /// another appends: an entry appended this run may still be in the log's buffer, which is
    /// then flushed first (appends are not flushed one by one: perf put a write per file at ~15%
    /// of the writer thread's per-file work).
    /// </summary>
    public byte[]? TryGet(string key)
    {
        (long Offset, int Length) at;
        lock (_index)
        {
            if (!_index.TryGetValue(key, out at)) return null;
            if (at.Offset + at.Length > _flushed)
            {
                _log.Flush();
                _flushed = _log.Position;
            }
        }
        var bytes = new byte[at.Length];
        return RandomAccess.Read(_handle, bytes, at.Offset) == at.Length ? bytes : null;
    }

    public bool Contains(string key)
    {
        lock (_index) return _index.ContainsKey(key);
    }

    /// <summary>Marks an entry as used by this run (kept by <see cref="Close"/>).</summary>
    public void MarkUsed(string key)
    {
        lock (_index) _used.Add(key);
    }

    /// <summary>Appends an entry (from one thread) and marks it used. A key already present keeps its first entry.</summary>
    public void Add(string key, ReadOnlySpan<byte> payload)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        if (keyBytes.Length > MaxKeyBytes) throw new ArgumentException("cache key too long", nameof(key));
        lock (_index)
        {
            _used.Add(key);
            if (_index.ContainsKey(key)) return;
            long start = _log.Position;
            WriteRecord(_log, keyBytes, payload);
            _index[key] = (start + HeaderBytes + keyBytes.Length, payload.Length);
        }
    }

    /// <summary>
    /// Ends the run's use of the cache. When this run used less than half of the log, the
    /// used records are copied into a new log, which replaces the old one atomically.
    /// Returns whether the log was rewritten.
    /// </summary>
    public bool Close()
    {
        lock (_index)
        {
            long live = _used.Where(_index.ContainsKey).Sum(k => (long)_index[k].Length);
            long total = _index.Values.Sum(v => (long)v.Length);
            if (total == 0 || live * 2 > total)
            {
                _log.Dispose();
                return false;
            }
            // The records are copied by positional reads: this run's appends must be in the file.
            _log.Flush();
            var tmp = AtomicFile.TempPathFor(_path);
            try
            {
                using (var fresh = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    foreach (var key in _used.Order(StringComparer.Ordinal))
                    {
                        if (!_index.TryGetValue(key, out var at)) continue;
                        var keyBytes = Encoding.UTF8.GetBytes(key);
                        var payload = new byte[at.Length];
                        RandomAccess.Read(_handle, payload, at.Offset);
                        WriteRecord(fresh, keyBytes, payload);
                    }
                }
                _log.Dispose();
                File.Move(tmp, _path, overwrite: true);
                return true;
            }
            finally
            {
                if (File.Exists(tmp)) File.Delete(tmp);
            }
        }
    }

    public void Dispose() => _log.Dispose();

    private static void WriteRecord(Stream log, byte[] key, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)key.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[6..], payload.Length);
        log.Write(header);
        log.Write(key);
        log.Write(payload);
    }

    /// <summary>
    /// Reads the records of a log into <paramref name="index"/> (key → payload offset and
    /// length; a later record of a key does not replace the first). Returns the length of the
    /// valid prefix: reading stops at the first record that is torn or not a record.
    /// </summary>
    public static long Scan(Stream log, Dictionary<string, (long Offset, int Length)> index)
    {
        log.Position = 0;
        long length = log.Length, pos = 0;
        Span<byte> header = stackalloc byte[HeaderBytes];
        var key = new byte[MaxKeyBytes];
        while (pos + HeaderBytes <= length)
        {
            log.Position = pos;
            log.ReadExactly(header);
            if (!header[..4].SequenceEqual(Magic)) break;
            int keyLength = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
            int payload = BinaryPrimitives.ReadInt32LittleEndian(header[6..]);
            long end = pos + HeaderBytes + keyLength + (long)payload;
            if (keyLength == 0 || keyLength > MaxKeyBytes || payload < 0 || end > length) break;
            log.ReadExactly(key.AsSpan(0, keyLength));
            index.TryAdd(Encoding.UTF8.GetString(key, 0, keyLength), (pos + HeaderBytes + keyLength, payload));
            pos = end;
        }
        return pos;
    }
}
