using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace ReportMiner.Segmentation;

/// <summary>
/// The converted model's two files (little-endian, see models/jieba/README.md):
/// <list type="bullet">
/// <item><c>dict.bin</c>: magic "RMJDICT1", int32 node count (root included), int64 total,
/// int32 source line count, int32 tag count + tags (byte length, ASCII), then for nodes
/// 1..count-1 in creation order: char[] chars, int32[] parents, int32[] freqs, byte[] tag indexes.</item>
/// <item><c>hmm.bin</c>: magic "RMJHMM01", double[4] start (B,E,M,S), double[16] trans
/// [from*4+to], then per state B,E,M,S: int32 count + count × (uint16 char, double logP).</item>
/// </list>
/// </summary>
internal static class ModelFormat
{
    internal const string DictFileName = "dict.bin";
    internal const string HmmFileName = "hmm.bin";
    private static readonly byte[] DictMagic = "RMJDICT1"u8.ToArray();
    private static readonly byte[] HmmMagic = "RMJHMM01"u8.ToArray();

    internal static void WriteDict(PrefixDict dict, int sourceLines, Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true);
        w.Write(DictMagic);
        w.Write(dict.Count);
        w.Write(dict.Total);
        w.Write(sourceLines);
        w.Write(dict.Tags.Count - 1);
        for (var i = 1; i < dict.Tags.Count; i++)
        {
            var bytes = Encoding.ASCII.GetBytes(dict.Tags[i]);
            w.Write((byte)bytes.Length);
            w.Write(bytes);
        }
        var n = dict.Count - 1;
        var freqs = new int[n];
        for (var i = 0; i < n; i++)
        {
            var f = dict.Freq[i + 1];
            if (f is < 0 or > int.MaxValue) throw new InvalidDataException($"Frequency {f} of '{dict.WordOf(i + 1)}' does not fit the model format.");
            freqs[i] = (int)f;
        }
        EnsureLittleEndian();
        w.Write(MemoryMarshal.AsBytes(dict.Char.AsSpan(1, n)));
        w.Write(MemoryMarshal.AsBytes(dict.Parent.AsSpan(1, n)));
        w.Write(MemoryMarshal.AsBytes(freqs.AsSpan()));
        w.Write(dict.TagIndex.AsSpan(1, n));
    }

    internal static PrefixDict ReadDict(string path)
    {
        var data = File.ReadAllBytes(path);
        try
        {
            return ReadDict(data);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: corrupt jieba dictionary model: {ex.Message}", ex);
        }
    }

    private static PrefixDict ReadDict(ReadOnlySpan<byte> data)
    {
        EnsureLittleEndian();
        if (data.Length < 28 || !data[..8].SequenceEqual(DictMagic)) throw new InvalidDataException("not a dict.bin file (bad magic)");
        var count = BinaryPrimitives.ReadInt32LittleEndian(data[8..]);
        var total = BinaryPrimitives.ReadInt64LittleEndian(data[12..]);
        var tagCount = BinaryPrimitives.ReadInt32LittleEndian(data[24..]);
        if (count < 1 || count > PrefixDict.MaxNodes || tagCount is < 0 or > 255) throw new InvalidDataException("bad header");
        var pos = 28;
        var dict = new PrefixDict(count + count / 8);
        for (var i = 0; i < tagCount; i++)
        {
            int len = data[pos++];
            dict.Tags.Add(Encoding.ASCII.GetString(data.Slice(pos, len)));
            pos += len;
        }
        var n = count - 1;
        if (data.Length != pos + n * (2 + 4 + 4 + 1)) throw new InvalidDataException("bad length");
        MemoryMarshal.Cast<byte, char>(data.Slice(pos, n * 2)).CopyTo(dict.Char.AsSpan(1));
        pos += n * 2;
        MemoryMarshal.Cast<byte, int>(data.Slice(pos, n * 4)).CopyTo(dict.Parent.AsSpan(1));
        pos += n * 4;
        var freqs = MemoryMarshal.Cast<byte, int>(data.Slice(pos, n * 4));
        var freqDst = dict.Freq;
        for (var i = 0; i < n; i++) freqDst[i + 1] = freqs[i];
        pos += n * 4;
        data.Slice(pos, n).CopyTo(dict.TagIndex.AsSpan(1));
        var parents = dict.Parent;
        var chars = dict.Char;
        for (var i = 1; i < count; i++)
        {
            var p = parents[i];
            if ((uint)p >= (uint)i) throw new InvalidDataException($"node {i} has parent {p}");
            if (dict.TagIndex[i] >= dict.Tags.Count) throw new InvalidDataException($"node {i} has tag {dict.TagIndex[i]}");
            dict.Link(p, chars[i], i);
        }
        dict.Count = count;
        dict.Total = total;
        return dict;
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
