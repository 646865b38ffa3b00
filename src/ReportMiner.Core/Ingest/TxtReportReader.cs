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
    internal static string NormaliseLineBreaks(string text)
        => text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;
}

/// <summary>Content hashes used for document ids and the incremental cache.</summary>
public static class Hashing
{
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
