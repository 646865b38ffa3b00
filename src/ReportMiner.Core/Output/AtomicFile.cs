namespace ReportMiner.Output;

/// <summary>
/// Writes a file so that readers see either the old or the new content, never half of it:
/// the bytes go to a temporary file in the same folder, which is then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <param name="durable">Flush to disk before the rename (off for caches, where a lost file only costs time).</param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, bool durable = true)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: durable);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>Writes only when the content differs, so unchanged outputs keep their timestamps.</summary>
    public static bool WriteIfChanged(string path, ReadOnlySpan<byte> bytes)
    {
        if (File.Exists(path))
        {
            var old = File.ReadAllBytes(path);
            if (bytes.SequenceEqual(old)) return false;
        }
        WriteAllBytes(path, bytes);
        return true;
    }

    /// <summary>
    /// Removes temporary files a killed run left behind in <paramref name="directory"/> (they
    /// are never read: the rename that would have published them did not happen).
    /// </summary>
    public static void RemoveLeftovers(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var tmp in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
