using System.IO.Compression;

namespace ReportMiner.Ingest;

/// <summary>
/// Decompression-bomb and operator-bomb check run before a PDF is handed to PdfPig, which has
/// no limit of its own: every Flate-compressed stream is inflated here (output counted, then
/// dropped, never held), and the sum must stay under <see cref="IngestOptions.MaxDecompressedBytes"/>;
/// in each stream the operators (bare alphabetic tokens such as <c>m l S Tj re</c>) are counted
/// and must stay under <see cref="IngestOptions.MaxStreamOperators"/>. A page's content is one or
/// a few such streams, so this bounds what PdfPig would build per page (a 610 KB PDF with 300 MB
/// of path operators took 12 GB in PdfPig). Streams are found by their keywords, not by parsing
/// the object graph, so a cycle or a broken xref cannot stop the check. The worker process's
/// memory limit stays the backstop for what this does not see (other filters, broken streams).
/// </summary>
public static class PdfStreamGuard
{
    /// <summary>Null when within the limits, else the reason.</summary>
    public static string? Check(ReadOnlySpan<byte> pdf, long maxDecompressedBytes, long maxStreamOperators)
    {
        long inflated = 0;
        var buffer = new byte[1 << 16];
        int at = 0;
        while (true)
        {
            int k = pdf[at..].IndexOf("stream"u8);
            if (k < 0) return null;
            int keyword = at + k;
            at = keyword + 6;
            if (keyword >= 3 && pdf[(keyword - 3)..keyword].SequenceEqual("end"u8)) continue;   // endstream
            int dataStart = at;
            if (dataStart < pdf.Length && pdf[dataStart] == '\r') dataStart++;
            if (dataStart < pdf.Length && pdf[dataStart] == '\n') dataStart++;
            else continue;   // not the keyword (the data must start on the next line)
            int end = pdf[dataStart..].IndexOf("endstream"u8);
            if (end < 0) end = pdf.Length - dataStart;
            // The stream's dictionary: from the last "<<" before the keyword (nested dictionaries make this approximate, which only matters for the filter test).
            int dictStart = pdf[..keyword].LastIndexOf("obj"u8);
            var dict = pdf[Math.Max(0, dictStart)..keyword];
            at = dataStart + end;
            if (dict.IndexOf("/FlateDecode"u8) < 0 && dict.IndexOf("/Fl "u8) < 0 && dict.IndexOf("/Fl]"u8) < 0 && dict.IndexOf("/Fl/"u8) < 0) continue;
            var data = pdf.Slice(dataStart, end).ToArray();
            long operators = 0;
            var tokens = new OperatorCounter();
            try
            {
                using var z = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
                int n;
                while ((n = z.Read(buffer, 0, buffer.Length)) > 0)
                {
                    inflated += n;
                    if (inflated > maxDecompressedBytes)
                        return $"the PDF's streams inflate to more than {maxDecompressedBytes} bytes (ingest.max_decompressed_bytes): decompression bomb";
                    operators = tokens.Add(buffer.AsSpan(0, n));
                    if (operators > maxStreamOperators)
                        return $"a content stream of the PDF holds more than {maxStreamOperators} operators (ingest.max_stream_operators): refused (a drawing bomb, or not a report)";
                }
            }
            catch (InvalidDataException)
            {
                // A damaged stream: PdfPig decides what to make of it.
            }
        }
    }

    /// <summary>Counts bare alphabetic tokens (operators) across buffer boundaries, outside string literals.</summary>
    private struct OperatorCounter
    {
        private long _count;
        private bool _inToken, _tokenIsOperator, _escaped;
        /// <summary>Nesting depth of a (literal string); its words are text, not operators.</summary>
        private int _stringDepth;

        public long Add(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (_stringDepth > 0)
                {
                    if (_escaped) _escaped = false;
                    else if (b == '\\') _escaped = true;
                    else if (b == '(') _stringDepth++;
                    else if (b == ')') _stringDepth--;
                    continue;
                }
                bool space = b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0;
                if (space || b == '(')
                {
                    if (_inToken && _tokenIsOperator) _count++;
                    _inToken = false;
                    if (b == '(') _stringDepth = 1;
                }
                else if (!_inToken)
                {
                    _inToken = true;
                    _tokenIsOperator = IsOperatorByte(b);
                }
                else if (_tokenIsOperator && !IsOperatorByte(b)) _tokenIsOperator = false;
            }
            return _count;
        }

        private static bool IsOperatorByte(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or (byte)'*' or (byte)'\'' or (byte)'"';
    }
}
