namespace ReportMiner.Output;

/// <summary>
/// Writes a file so that readers see either the old or the new content, never half of it:
/// the bytes go to a temporary file in the same folder, which is then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>: flushed to disk, then renamed over it.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var tmp = TempPathFor(path);
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
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
    /// Streams the content into a temporary file beside <paramref name="path"/>, then publishes
    /// it only if it differs from the file already there. Nothing is held in memory.
    /// </summary>
    public static bool WriteIfChanged(string path, Action<Stream> write)
    {
        var tmp = TempPathFor(path);
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                write(fs);
            return PublishIfChanged(tmp, path);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>A temporary file name beside <paramref name="path"/> that <see cref="RemoveLeftovers"/> recognises.</summary>
    public static string TempPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
    }

    /// <summary>
    /// Renames the finished (closed) <paramref name="tmp"/> over <paramref name="path"/>, or
    /// deletes it when the bytes are the same. Only a file that is published is flushed to disk
    /// first: a re-run whose outputs do not change waits for no disk.
    /// </summary>
    public static bool PublishIfChanged(string tmp, string path)
    {
        if (File.Exists(path) && SameBytes(tmp, path))
        {
            File.Delete(tmp);
            return false;
        }
        using (var fs = new FileStream(tmp, FileMode.Open, FileAccess.Write, FileShare.None, 1))
            fs.Flush(flushToDisk: true);
        File.Move(tmp, path, overwrite: true);
        return true;
    }

    private static bool SameBytes(string a, string b)
    {
        using var fa = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        using var fb = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        if (fa.Length != fb.Length) return false;
        var ba = new byte[1 << 16];
        var bb = new byte[1 << 16];
        while (true)
        {
            int na = fa.ReadAtLeast(ba, ba.Length, throwOnEndOfStream: false);
            int nb = fb.ReadAtLeast(bb, bb.Length, throwOnEndOfStream: false);
            if (na != nb || !ba.AsSpan(0, na).SequenceEqual(bb.AsSpan(0, nb))) return false;
            if (na == 0) return true;
        }
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
