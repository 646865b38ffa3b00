using System.IO.Compression;

namespace ReportMiner.Ingest;

/// <summary>
/// Zip-bomb and corruption check run before a DOCX is handed to the OpenXml SDK: every entry's
/// declared size, and the bytes actually inflated from every XML part (the parts a reader parses;
/// declared sizes can lie), must stay under <see cref="IngestOptions.MaxDecompressedBytes"/> in total.
/// A truncated or corrupt archive is reported here, with the entry that failed.
/// </summary>
public static class ZipGuard
{
    /// <summary>Most entries an archive may have.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Null when the archive is sound and within limits, else the reason it is not.</summary>
    public static string? Check(Stream zip, long maxDecompressedBytes)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            return $"corrupt or truncated zip archive: {ex.Message}";
        }
        using (archive)
        {
            long declared = 0;
            if (archive.Entries.Count > MaxEntries)
                return $"zip archive has {archive.Entries.Count} entries, over the limit of {MaxEntries}";
            foreach (var entry in archive.Entries)
            {
                declared += entry.Length;
                if (entry.Length < 0 || declared > maxDecompressedBytes)
                    return $"zip archive declares {declared} bytes uncompressed (entry '{entry.FullName}'), over the limit of {maxDecompressedBytes} (ingest.max_decompressed_bytes): possible zip bomb";
            }

            long inflated = 0;
            var buffer = new byte[81920];
            foreach (var entry in archive.Entries)
            {
                if (!IsParsedPart(entry.FullName)) continue;
                try
                {
                    using var stream = entry.Open();
                    int n;
                    while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        inflated += n;
                        if (inflated > maxDecompressedBytes)
                            return $"zip archive inflates to more than {maxDecompressedBytes} bytes (entry '{entry.FullName}'), over the limit (ingest.max_decompressed_bytes): zip bomb";
                    }
                }
                catch (InvalidDataException ex)
                {
                    return $"corrupt or truncated zip entry '{entry.FullName}': {ex.Message}";
                }
            }
        }
        return null;
    }

    /// <summary>XML parts and relationships, which the SDK parses; media are never inflated by the reader.</summary>
    private static bool IsParsedPart(string name)
        => name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
}
