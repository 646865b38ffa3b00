using System.IO.Compression;

namespace ReportMiner.Ingest;

/// <summary>
/// Zip-bomb and corruption check run before a DOCX is handed to the OpenXml SDK: the sum of the
/// entries' declared sizes, and the bytes actually inflated from every XML part (the parts a
/// reader parses), must stay under <see cref="IngestOptions.MaxDecompressedBytes"/>; each parsed
/// part's CRC-32 must match, so sizes that lie (System.IO.Compression stops inflating at the
/// declared size) show up as tampering rather than as a silently cut document.
/// Every entry is also held to a compression ratio (<see cref="MaxInflateRatio"/>, as Apache POI
/// does): by its declared size, and for parsed parts by the bytes actually inflated.
/// A DTD in any XML part is refused (the SDK's own parsing of relationship parts accepts one).
/// A truncated or corrupt archive is reported here, with the entry that failed.
/// </summary>
public static class ZipGuard
{
    /// <summary>Most entries an archive may have.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Null when the archive is sound and within limits, else the reason it is not.</summary>
    public static string? Check(Stream zip, long maxDecompressedBytes)
    {
        string current = "(central directory)";
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            var entries = archive.Entries;
            if (entries.Count > MaxEntries)
                return $"zip archive has {entries.Count} entries, over the limit of {MaxEntries}";
            long declared = 0;
            foreach (var entry in entries)
            {
                declared += entry.Length;
                if (entry.Length < 0 || declared > maxDecompressedBytes)
                    return $"zip archive declares {declared} bytes uncompressed (entry '{entry.FullName}'), over the limit of {maxDecompressedBytes} (ingest.max_decompressed_bytes): possible zip bomb";
            }

            foreach (var entry in entries)
                if (RatioProblem(entry.FullName, entry.Length, entry.CompressedLength) is { } ratio) return ratio;

            long inflated = 0;
            var buffer = new byte[81920];
            foreach (var entry in entries)
            {
                if (!IsParsedPart(entry.FullName)) continue;
                current = entry.FullName;
                using var stream = entry.Open();
                uint crc = Crc32.Initial;
                long entryInflated = 0;
                int n, carried = 0;
                while ((n = stream.Read(buffer, carried, buffer.Length - carried)) > 0)
                {
                    inflated += n;
                    entryInflated += n;
                    if (RatioProblem(entry.FullName, entryInflated, entry.CompressedLength) is { } ratio) return ratio;
                    if (inflated > maxDecompressedBytes)
                        return $"zip archive inflates to more than {maxDecompressedBytes} bytes (entry '{entry.FullName}'), over the limit (ingest.max_decompressed_bytes): zip bomb";
                    crc = Crc32.Update(crc, buffer.AsSpan(carried, n));
                    var window = buffer.AsSpan(0, carried + n);
                    if (window.IndexOf("<!DOCTYPE"u8) >= 0 || window.IndexOf(DoctypeUtf16) >= 0)
                        return $"the XML part '{entry.FullName}' contains a DTD, which is refused (entity expansion attack?)";
                    // Keep the tail so a marker split between two reads is still found.
                    carried = Math.Min(window.Length, DoctypeUtf16.Length - 1);
                    window[^carried..].CopyTo(buffer);
                }
                if (Crc32.Final(crc) != entry.Crc32)
                    return $"corrupt or tampered zip entry '{entry.FullName}': CRC-32 mismatch (damaged data, or sizes that do not match the data)";
            }
            return null;
        }
        catch (InvalidDataException ex)
        {
            return $"corrupt or truncated zip archive (at {current}): {ex.Message}";
        }
    }

    /// <summary>Most an entry may inflate, as a multiple of its compressed size (Apache POI's default: 100, i.e. MIN_INFLATE_RATIO 0.01).</summary>
    public const int MaxInflateRatio = 100;

    /// <summary>Entries up to this size are not held to the ratio (tiny parts of repeated markup compress well; POI's grace size).</summary>
    public const long RatioGraceBytes = 100 * 1024;

    /// <summary>Why an entry of <paramref name="size"/> bytes (declared or inflated so far) from <paramref name="compressed"/> is a bomb, or null.</summary>
    private static string? RatioProblem(string name, long size, long compressed)
    {
        if (size <= RatioGraceBytes || size <= (long)MaxInflateRatio * Math.Max(1, compressed)) return null;
        return $"zip entry '{name}' inflates {size / Math.Max(1, compressed)}x its compressed size ({compressed} to {size}+ bytes), over the limit of {MaxInflateRatio}x: zip bomb";
    }

    private static ReadOnlySpan<byte> DoctypeUtf16 => "<\0!\0D\0O\0C\0T\0Y\0P\0E\0"u8;

    /// <summary>XML parts and relationships, which the SDK parses; media are never inflated by the reader.</summary>
    private static bool IsParsedPart(string name)
        => name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    /// <summary>CRC-32 (IEEE 802.3, as zip uses), table-driven.</summary>
    private static class Crc32
    {
        public const uint Initial = 0xFFFFFFFFu;
        private static readonly uint[] Table = Build();

        private static uint[] Build()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                table[i] = c;
            }
            return table;
        }

        public static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        public static uint Final(uint crc) => crc ^ 0xFFFFFFFFu;
    }
}
