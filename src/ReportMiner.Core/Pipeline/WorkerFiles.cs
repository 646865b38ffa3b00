using System.Security.Cryptography;
using ReportMiner.Ingest;

namespace ReportMiner.Pipeline;

/// <summary>What the supervisor needs of a file that a worker will read: its hash, streamed.</summary>
internal static class WorkerFiles
{
    /// <summary>The error of a file of length 0: an empty file, or a FIFO or device, which is not opened (reading it could block).</summary>
    public static IngestError Empty(string id) => new(id, "ingest", "file is empty (or not a regular file: a FIFO or device is not read)");

    /// <summary>
    /// Why a file is not to be read at all, checked before it is opened: a sub-folder that could
    /// not be listed (<see cref="InputFolder.IsFolder"/>), length 0, or over <c>ingest.max_file_bytes</c>; null to read it.
    /// </summary>
    public static IngestError? Precheck(string id, FileInfo info, IngestOptions options)
    {
        if (InputFolder.IsFolder(id)) return InputFolder.UnreadableFolder(id);
        if (info.Length == 0) return Empty(id);
        if (info.Length > options.MaxFileBytes)
            return new IngestError(id, "ingest", $"file is {info.Length} bytes, over the limit of {options.MaxFileBytes} (ingest.max_file_bytes)");
        return null;
    }

    /// <summary>SHA-256 of the file, read in blocks (never held whole), or why not.</summary>
    public static (string? Sha256, IngestError? Error) HashFile(string id, string path, IngestOptions options)
    {
        try
        {
            if (Precheck(id, new FileInfo(path), options) is { } refused) return (null, refused);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return (Convert.ToHexStringLower(SHA256.HashData(stream)), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new IngestError(id, "read", ex.Message));
        }
    }
}
