using System.Security.Cryptography;

namespace ReportMiner.Ingest;

/// <summary>Reads plain-text reports in any common encoding (see <see cref="TextDecoder"/>).</summary>
public sealed class TxtReportReader : IReportReader
{
    public string Format => "txt";

    public ReaderMatch Match(ReadOnlySpan<byte> head, string extension)
        => extension is ".txt" or ".text" or "" ? ReaderMatch.Extension : ReaderMatch.No;

    public IngestResult Read(string id, ReadOnlyMemory<byte> bytes, IngestOptions options)
    {
        var decoded = TextDecoder.Decode(bytes.Span);
        if (!decoded.Success) return IngestResult.Fail(id, "decode", decoded.Error!);
        var text = NormaliseLineBreaks(decoded.Text!, out var crlfEnds);
        return IngestResult.Ok(new SourceDocument
        {
            Id = id,
            Format = Format,
            Text = text,
            Sha256 = Hashing.Sha256Hex(bytes.Span),
            Encoding = decoded.Encoding,
            Decoded = new DecodedText(decoded.Text!, crlfEnds),
        });
    }

    internal static string NormaliseLineBreaks(string text) => NormaliseLineBreaks(text, out _);

    /// <summary>CRLF and lone CR become LF, so offsets count one character per line break.</summary>
    /// <remarks>One pass into one new string (two Replace calls made two copies of a large file).</remarks>
    /// <param name="crlfEnds">The edit record: offsets in the result just after each LF that was a CRLF (see <see cref="DecodedText"/>).</param>
    internal static string NormaliseLineBreaks(string text, out int[] crlfEnds)
    {
        crlfEnds = [];
        int cr = text.IndexOf('\r');
        if (cr < 0) return text;
        int pairs = 0;
        for (int i = cr; i < text.Length - 1; i++)
            if (text[i] == '\r' && text[i + 1] == '\n') pairs++;
        var ends = pairs == 0 ? [] : new int[pairs];
        var result = string.Create(text.Length - pairs, (text, ends), static (dest, state) =>
        {
            var (src, ends) = state;
            int o = 0, e = 0;
            for (int i = 0; i < src.Length; i++)
            {
                char c = src[i];
                if (c == '\r')
                {
                    dest[o++] = '\n';
                    if (i + 1 < src.Length && src[i + 1] == '\n')
                    {
                        i++;
                        ends[e++] = o;
                    }
                }
                else dest[o++] = c;
            }
        });
        crlfEnds = ends;
        return result;
    }
}

/// <summary>Content hashes used for document ids and the incremental cache.</summary>
public static class Hashing
{
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
