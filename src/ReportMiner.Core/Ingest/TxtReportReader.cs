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
        return IngestResult.Ok(new SourceDocument
        {
            Id = id,
            Format = Format,
            Text = NormaliseLineBreaks(decoded.Text!),
            Sha256 = Hashing.Sha256Hex(bytes.Span),
            Encoding = decoded.Encoding,
        });
    }

    /// <summary>CRLF and lone CR become LF, so offsets count one character per line break.</summary>
    /// <remarks>One pass into one new string (two Replace calls made two copies of a large file).</remarks>
    internal static string NormaliseLineBreaks(string text)
    {
        int cr = text.IndexOf('\r');
        if (cr < 0) return text;
        int pairs = 0;
        for (int i = cr; i < text.Length - 1; i++)
            if (text[i] == '\r' && text[i + 1] == '\n') pairs++;
        return string.Create(text.Length - pairs, text, static (dest, src) =>
        {
            int o = 0;
            for (int i = 0; i < src.Length; i++)
            {
                char c = src[i];
                if (c == '\r')
                {
                    dest[o++] = '\n';
                    if (i + 1 < src.Length && src[i + 1] == '\n') i++;
                }
                else dest[o++] = c;
            }
        });
    }
}

/// <summary>Content hashes used for document ids and the incremental cache.</summary>
public static class Hashing
{
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
