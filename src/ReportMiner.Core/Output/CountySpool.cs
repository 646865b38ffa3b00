using System.Buffers;
using ReportMiner.County;
using ReportMiner.Extract;

namespace ReportMiner.Output;

/// <summary>
/// Collects a batch's reports by county, in input order, without holding them: each county's
/// documents and mentions are rendered at once as the county file will hold them and appended
/// to buffers that go to files in a spool folder once they pass a memory budget.
/// <see cref="WriteCountyFiles"/> then copies every county file together from its spool, with
/// nothing to parse or render again. Memory stays bounded by the budget whatever the number of files.
/// </summary>
public sealed class CountySpool : IDisposable
{
    private readonly string _dir;
    private readonly long _budget;
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly CountyFileWriter.ElementRenderer _render = new();
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

    /// <summary>Appends one report: its document and its mentions (already in file order). From one thread.</summary>
    public void Add(CountyRef county, CountyDocument document, IEnumerable<Mention> mentions)
    {
        if (!_slots.TryGetValue(county.Key, out var slot))
            _slots[county.Key] = slot = new Slot(county, Path.Combine(_dir, _slots.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _buffered += slot.Documents.Append(_render.Document(document));
        foreach (var m in mentions) _buffered += slot.Mentions.Append(_render.Mention(m));
        if (_buffered > _budget) Flush();
    }

    /// <summary>
    /// Writes <c>&lt;key&gt;.json</c> for every county into <paramref name="countiesDir"/>
    /// (atomically, and only where the bytes change; see <see cref="AtomicFile.Batch"/>) and removes county files this batch no
    /// longer produces. Returns the county keys written, in ordinal order.
    /// </summary>
    public IReadOnlyList<string> WriteCountyFiles(string countiesDir)
    {
        Directory.CreateDirectory(countiesDir);
        var keys = _slots.Keys.Order(StringComparer.Ordinal).ToList();
        // All files first, then one flush to disk for all of them and the renames (a flush per file was most of a run's system time).
        using (var batch = new AtomicFile.Batch())
        {
            foreach (var key in keys)
            {
                var slot = _slots[key];
                batch.Stage(Path.Combine(countiesDir, key + ".json"), stream =>
                    CountyFileWriter.Write(stream, slot.County, slot.Documents.Count, slot.Documents.CopyTo, slot.Mentions.Count, slot.Mentions.CopyTo));
            }
            batch.Commit();
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
        public ElementLog Documents { get; } = new(pathPrefix + ".documents");
        public ElementLog Mentions { get; } = new(pathPrefix + ".mentions");
    }

    /// <summary>The elements of one JSON array, comma-joined, as bytes: an in-memory tail and, once flushed, a file.</summary>
    private sealed class ElementLog(string path)
    {
        private readonly ArrayBufferWriter<byte> _tail = new();
        private bool _onDisk;

        /// <summary>Elements appended so far.</summary>
        public int Count { get; private set; }

        /// <summary>Appends one rendered element; returns the bytes it took.</summary>
        public int Append(ReadOnlySpan<byte> element)
        {
            int before = _tail.WrittenCount;
            if (Count++ > 0) _tail.Write(","u8);
            _tail.Write(element);
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

        /// <summary>Copies all the elements, in the order they were appended, into <paramref name="target"/>.</summary>
        public void CopyTo(Stream target)
        {
            if (_onDisk)
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                file.CopyTo(target);
            }
            target.Write(_tail.WrittenSpan);
        }
    }
}
