using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReportMiner.County;
using ReportMiner.Extract;

namespace ReportMiner.Output;

/// <summary>
/// Collects a batch's reports by county, in input order, without holding them: each county's
/// documents and mentions are appended as JSON lines to buffers that go to files in a spool
/// folder once they pass a memory budget. <see cref="WriteCountyFiles"/> then streams every
/// county file from its spool. Memory stays bounded by the budget whatever the number of files.
/// </summary>
public sealed class CountySpool : IDisposable
{
    private readonly string _dir;
    private readonly long _budget;
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private long _buffered;

    /// <param name="directory">Spool folder (created empty; deleted on dispose).</param>
    /// <param name="budgetBytes">Bytes kept in memory before the buffers are flushed to the spool files.</param>
    public CountySpool(string directory, long budgetBytes = 16 << 20)
    {
        _dir = directory;
        _budget = budgetBytes;
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        Directory.CreateDirectory(_dir);
    }

    /// <summary>Appends one report: its document line and its mentions (already in file order).</summary>
    public void Add(CountyRef county, CountyDocument document, IEnumerable<Mention> mentions)
    {
        if (!_slots.TryGetValue(county.Key, out var slot))
            _slots[county.Key] = slot = new Slot(county, Path.Combine(_dir, _slots.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _buffered += slot.Documents.Append(document, SpoolJsonContext.Relaxed.CountyDocument);
        foreach (var m in mentions) _buffered += slot.Mentions.Append(m, SpoolJsonContext.Relaxed.Mention);
        if (_buffered > _budget) Flush();
    }

    /// <summary>
    /// Writes <c>&lt;key&gt;.json</c> for every county into <paramref name="countiesDir"/>
    /// (atomically, and only where the bytes change) and removes county files this batch no
    /// longer produces. Returns the county keys written, in ordinal order.
    /// </summary>
    public IReadOnlyList<string> WriteCountyFiles(string countiesDir)
    {
        Directory.CreateDirectory(countiesDir);
        var keys = _slots.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            var slot = _slots[key];
            AtomicFile.WriteIfChanged(Path.Combine(countiesDir, key + ".json"), stream =>
                CountyFileWriter.Write(stream, slot.County, slot.Documents.Read(SpoolJsonContext.Relaxed.CountyDocument), slot.Mentions.Read(SpoolJsonContext.Relaxed.Mention)));
        }
        var written = keys.Select(k => k + ".json").ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(countiesDir, "*.json"))
            if (!written.Contains(Path.GetFileName(stale))) File.Delete(stale);
        return keys;
    }

    private void Flush()
    {
        foreach (var slot in _slots.Values)
        {
            slot.Documents.Flush();
            slot.Mentions.Flush();
        }
        _buffered = 0;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class Slot(CountyRef county, string pathPrefix)
    {
        public CountyRef County { get; } = county;
        public JsonLines Documents { get; } = new(pathPrefix + ".documents.jsonl");
        public JsonLines Mentions { get; } = new(pathPrefix + ".mentions.jsonl");
    }

    /// <summary>An append-only sequence of JSON lines: an in-memory tail and, once flushed, a file.</summary>
    private sealed class JsonLines(string path)
    {
        private readonly ArrayBufferWriter<byte> _tail = new();
        private Utf8JsonWriter? _writer;
        private bool _onDisk;

        /// <summary>Appends <paramref name="value"/> as one line; returns the bytes it took.</summary>
        public int Append<T>(T value, JsonTypeInfo<T> type)
        {
            int before = _tail.WrittenCount;
            _writer ??= new Utf8JsonWriter(_tail, new JsonWriterOptions { Encoder = type.Options.Encoder, SkipValidation = true });
            JsonSerializer.Serialize(_writer, value, type);
            _writer.Flush();
            _writer.Reset();
            _tail.Write("\n"u8);
            return _tail.WrittenCount - before;
        }

        public void Flush()
        {
            if (_tail.WrittenCount == 0) return;
            using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None))
                file.Write(_tail.WrittenSpan);
            _onDisk = true;
            _tail.ResetWrittenCount();
        }

        /// <summary>The values in the order they were appended, read back one line at a time.</summary>
        public IEnumerable<T> Read<T>(JsonTypeInfo<T> type)
        {
            if (_onDisk)
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                foreach (var value in ReadLines(file, type)) yield return value;
            }
            foreach (var value in ReadLines(new MemoryStream(_tail.WrittenMemory.ToArray(), writable: false), type)) yield return value;
        }

        private IEnumerable<T> ReadLines<T>(Stream stream, JsonTypeInfo<T> type)
        {
            var buffer = new byte[1 << 16];
            int start = 0, end = 0;
            while (true)
            {
                int newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    yield return JsonSerializer.Deserialize(buffer.AsSpan(start, newline - start), type)!;
                    start = newline + 1;
                    continue;
                }
                // Keep the partial line, make room (growing for a line longer than the buffer), read on.
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                int read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    if (end > start) throw new InvalidDataException($"{path}: spool ends inside a line");
                    yield break;
                }
                end += read;
            }
        }
    }
}
