using System.Buffers.Binary;
using System.Text;

namespace ReportMiner.Isolation;

/// <summary>
/// The frames a supervisor and its worker exchange over the worker's stdin/stdout. A request
/// is one file (document id, full path); a reply is its mined result (the cache's JSON of the
/// document) or its error. Every frame is a kind byte and length-prefixed UTF-8 strings or bytes,
/// so a torn frame (a worker that died mid-write) is seen as the end of the stream.
/// </summary>
internal static class WorkerProtocol
{
    /// <summary>Supervisor → worker: mine this file.</summary>
    public const byte Request = 1;
    /// <summary>Worker → supervisor: the file's result, as the cache stores it.</summary>
    public const byte Document = 2;
    /// <summary>Worker → supervisor: the file failed (stage, reason); the worker goes on.</summary>
    public const byte Error = 3;
    /// <summary>Worker → supervisor: the file failed in a way that leaves the worker unusable (out of memory); it exits after this.</summary>
    public const byte FatalError = 4;
    /// <summary>Worker → supervisor, once at start: the pipeline is loaded and the worker takes requests.</summary>
    public const byte Ready = 5;

    /// <summary>Largest frame part accepted (a corrupt length must not allocate gigabytes).</summary>
    public const int MaxPartBytes = 256 << 20;

    public static void WriteFrame(Stream stream, byte kind, params ReadOnlySpan<byte[]> parts)
    {
        int total = 1 + 4;
        foreach (var p in parts) total += 4 + p.Length;
        var buffer = new byte[total];
        buffer[0] = kind;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(1), parts.Length);
        int at = 5;
        foreach (var p in parts)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at), p.Length);
            p.CopyTo(buffer, at + 4);
            at += 4 + p.Length;
        }
        stream.Write(buffer);
        stream.Flush();
    }

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>Reads one frame; null at the end of the stream or on a torn or malformed frame.</summary>
    public static (byte Kind, byte[][] Parts)? ReadFrame(Stream stream)
    {
        Span<byte> header = stackalloc byte[5];
        if (!ReadExactly(stream, header)) return null;
        int count = BinaryPrimitives.ReadInt32LittleEndian(header[1..]);
        if (count < 0 || count > 16) return null;
        var parts = new byte[count][];
        Span<byte> len = stackalloc byte[4];
        for (int i = 0; i < count; i++)
        {
            if (!ReadExactly(stream, len)) return null;
            int n = BinaryPrimitives.ReadInt32LittleEndian(len);
            if (n < 0 || n > MaxPartBytes) return null;
            parts[i] = new byte[n];
            if (!ReadExactly(stream, parts[i])) return null;
        }
        return (header[0], parts);
    }

    private static bool ReadExactly(Stream stream, Span<byte> buffer)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;
        }
        catch (IOException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
