using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace ReportMiner.Segmentation;

/// <summary>
/// The converted model's two files (little-endian, see models/jieba/README.md):
/// <list type="bullet">
/// <item><c>dict.bin</c>: magic "RMJDICT2", int32 node count (root included), int64 total,
/// int32 source line count, int32 hash-table bits, int32 hash-table entry count, int32 tag count
/// + tags (byte length, ASCII), then int32[65536] root children, uint64[1 &lt;&lt; bits] hash table
/// (see <see cref="PrefixDict"/>), int32[count] frequencies, byte[count] tag indexes.
/// Loading is a few bulk reads: no per-node work but widening the frequencies.</item>
/// <item><c>hmm.bin</c>: magic "RMJHMM01", double[4] start (B,E,M,S), double[16] trans
/// [from*4+to], then per state B,E,M,S: int32 count + count × (uint16 char, double logP).</item>
/// </list>
/// </summary>
internal static class ModelFormat
{
    internal const string DictFileName = "dict.bin";
    internal const string HmmFileName = "hmm.bin";
    private static readonly byte[] DictMagic = "RMJDICT2"u8.ToArray();
    private static readonly byte[] HmmMagic = "RMJHMM01"u8.ToArray();

    internal static void WriteDict(PrefixDict dict, int sourceLines, Stream stream)
    {
        EnsureLittleEndian();
        using var w = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true);
        w.Write(DictMagic);
        w.Write(dict.Count);
        w.Write(dict.Total);
        w.Write(sourceLines);
        w.Write(64 - dict.TableShift);
        w.Write(dict.TableCount);
        w.Write(dict.Tags.Count - 1);
        for (var i = 1; i < dict.Tags.Count; i++)
        {
            var bytes = Encoding.ASCII.GetBytes(dict.Tags[i]);
            w.Write((byte)bytes.Length);
            w.Write(bytes);
        }
        var freqs = new int[dict.Count];
        for (var i = 0; i < dict.Count; i++)
        {
            var f = dict.Freq[i];
            if (f is < 0 or > int.MaxValue) throw new InvalidDataException($"Frequency {f} of node {i} does not fit the model format.");
            freqs[i] = (int)f;
        }
        w.Write(MemoryMarshal.AsBytes(dict.RootChild.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(dict.Table.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(freqs.AsSpan()));
        w.Write(dict.TagIndex.AsSpan(0, dict.Count));
    }

    internal static PrefixDict ReadDict(string path)
    {
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return ReadDict(f);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: corrupt jieba dictionary model: {ex.Message}", ex);
        }
    }

    private static PrefixDict ReadDict(FileStream f)
    {
        EnsureLittleEndian();
        Span<byte> header = stackalloc byte[36];
        f.ReadExactly(header);
        if (!header[..8].SequenceEqual(DictMagic)) throw new InvalidDataException("not a dict.bin file (bad magic)");
        var count = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var total = BinaryPrimitives.ReadInt64LittleEndian(header[12..]);
        var tableBits = BinaryPrimitives.ReadInt32LittleEndian(header[24..]);
        var tableCount = BinaryPrimitives.ReadInt32LittleEndian(header[28..]);
        var tagCount = BinaryPrimitives.ReadInt32LittleEndian(header[32..]);
        if (count < 1 || count > PrefixDict.MaxNodes || tagCount is < 0 or > 255 || tableBits is < 4 or > 26 || tableCount < 0 || tableCount >= count || tableCount > (1 << tableBits) / 2 || total < 0)
            throw new InvalidDataException("bad header");
        var tags = new List<string>(tagCount + 1) { "" };
        Span<byte> tagBytes = stackalloc byte[256];
        for (var i = 0; i < tagCount; i++)
        {
            var len = f.ReadByte();
            if (len < 0) throw new EndOfStreamException();
            f.ReadExactly(tagBytes[..len]);
            tags.Add(Encoding.ASCII.GetString(tagBytes[..len]));
        }
        var expected = f.Position + 65536L * 4 + (8L << tableBits) + count * 5L;
        if (f.Length != expected) throw new InvalidDataException($"bad length {f.Length}, expected {expected}");

        var rootChild = new int[65536];
        f.ReadExactly(MemoryMarshal.AsBytes(rootChild.AsSpan()));
        var table = GC.AllocateUninitializedArray<ulong>(1 << tableBits);
        f.ReadExactly(MemoryMarshal.AsBytes(table.AsSpan()));
        var capacity = count + Math.Max(1024, count / 16);
        var freq = GC.AllocateUninitializedArray<long>(capacity);
        var freq32 = GC.AllocateUninitializedArray<int>(count);
        f.ReadExactly(MemoryMarshal.AsBytes(freq32.AsSpan()));
        for (var i = 0; i < count; i++) freq[i] = freq32[i];
        freq.AsSpan(count).Clear();
        var tagIndex = new byte[capacity];
        f.ReadExactly(tagIndex.AsSpan(0, count));

        // Structural checks that keep every lookup in bounds.
        foreach (var child in rootChild)
            if ((uint)child >= (uint)count) throw new InvalidDataException($"root child {child} out of range");
        var used = 0;
        foreach (var e in table)
        {
            if (e == 0) continue;
            used++;
            if ((e & 0xFFFFFF) >= (ulong)count || (e >> 40) >= (ulong)count || (e & 0xFFFFFF) == 0) throw new InvalidDataException("hash entry out of range");
        }
        if (used != tableCount) throw new InvalidDataException("hash entry count differs from the header");
        for (var i = 0; i < count; i++)
            if (tagIndex[i] >= tags.Count) throw new InvalidDataException($"node {i} has tag {tagIndex[i]}");
        return new PrefixDict(rootChild, table, tableCount, freq, tagIndex, count, total, tags);
    }

    internal static void WriteHmm(HmmModel hmm, Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true);
        w.Write(HmmMagic);
        foreach (var v in hmm.Start) w.Write(v);
        foreach (var v in hmm.Trans) w.Write(v);
        for (var s = 0; s < 4; s++)
        {
            var entries = hmm.EmitEntries.Where(e => e.State == s).ToList();
            w.Write(entries.Count);
            foreach (var e in entries)
            {
                w.Write((ushort)e.Char);
                w.Write(e.LogP);
            }
        }
    }

    internal static HmmModel ReadHmm(string path)
    {
        var data = File.ReadAllBytes(path);
        try
        {
            return ReadHmm(data);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{path}: corrupt jieba HMM model: {ex.Message}", ex);
        }
    }

    private static HmmModel ReadHmm(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 + 20 * 8 || !data[..8].SequenceEqual(HmmMagic)) throw new InvalidDataException("not a hmm.bin file (bad magic)");
        var hmm = new HmmModel();
        var pos = 8;
        for (var i = 0; i < 4; i++, pos += 8) hmm.Start[i] = BinaryPrimitives.ReadDoubleLittleEndian(data[pos..]);
        for (var i = 0; i < 16; i++, pos += 8) hmm.Trans[i] = BinaryPrimitives.ReadDoubleLittleEndian(data[pos..]);
        for (var s = 0; s < 4; s++)
        {
            var count = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
            pos += 4;
            if (count < 0 || count > 65536) throw new InvalidDataException("bad emission count");
            for (var i = 0; i < count; i++, pos += 10)
                hmm.AddEmit(s, (char)BinaryPrimitives.ReadUInt16LittleEndian(data[pos..]), BinaryPrimitives.ReadDoubleLittleEndian(data[(pos + 2)..]));
        }
        if (pos != data.Length) throw new InvalidDataException("bad length");
        return hmm;
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The jieba model files are read on little-endian machines only.");
    }
}
