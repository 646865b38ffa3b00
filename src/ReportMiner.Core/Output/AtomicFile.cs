using System.Runtime.InteropServices;

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

    /// <summary>
    /// Publishes many files at once with one flush instead of one per file: each is written to
    /// a temporary file beside its target by <see cref="Stage"/>, and <see cref="Commit"/> flushes
    /// them all to disk (one <c>syncfs</c> on Linux, else one fsync per file), then renames each
    /// over its target, then flushes the folders once. A reader sees every file old or new; after
    /// a crash a renamed file has its full new content, since its bytes were on disk before the rename.
    /// </summary>
    public sealed class Batch : IDisposable
    {
        private readonly List<(string Tmp, string Path)> _staged = [];

        /// <summary>Writes <paramref name="path"/>'s new content to a temporary file; returns false (and keeps nothing) when it equals the file already there.</summary>
        public bool Stage(string path, Action<Stream> write)
        {
            var tmp = TempPathFor(path);
            bool staged = false;
            try
            {
                using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                    write(fs);
                if (File.Exists(path) && SameBytes(tmp, path)) return false;
                _staged.Add((tmp, path));
                staged = true;
                return true;
            }
            finally
            {
                if (!staged && File.Exists(tmp)) File.Delete(tmp);
            }
        }

        /// <summary>Files staged and not yet published.</summary>
        public int Count => _staged.Count;

        /// <summary>Flushes every staged file, renames each over its target, flushes their folders; returns how many were published.</summary>
        public int Commit()
        {
            if (_staged.Count == 0) return 0;
            var folders = _staged.Select(s => Path.GetDirectoryName(Path.GetFullPath(s.Path))!).Distinct(StringComparer.Ordinal).ToList();
            if (!SyncFileSystem(folders[0]))
                foreach (var (tmp, _) in _staged)
                    using (var fs = new FileStream(tmp, FileMode.Open, FileAccess.Write, FileShare.None, 1))
                        fs.Flush(flushToDisk: true);
            foreach (var (tmp, path) in _staged) File.Move(tmp, path, overwrite: true);
            int published = _staged.Count;
            _staged.Clear();
            foreach (var folder in folders) SyncFolder(folder);
            return published;
        }

        /// <summary>Removes the temporary files of a batch that was not committed.</summary>
        public void Dispose()
        {
            foreach (var (tmp, _) in _staged)
            {
                try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
            _staged.Clear();
        }
    }

    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static extern int SyncFs(int fd);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FSync(int fd);

    /// <summary>Flushes everything written to the file system holding <paramref name="folder"/> (Linux syncfs); false where that is not available.</summary>
    private static bool SyncFileSystem(string folder)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            using var handle = File.OpenHandle(folder, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.None);
            return SyncFs((int)handle.DangerousGetHandle()) == 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Makes the renames in <paramref name="folder"/> durable (fsync of the folder; Unix only, best effort).</summary>
    private static void SyncFolder(string folder)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            using var handle = File.OpenHandle(folder, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.None);
            // A failure leaves the files published, only not yet durable: nothing to undo.
            _ = FSync((int)handle.DangerousGetHandle());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // A folder that cannot be opened still has its files renamed: they are published, only not yet durable.
        }
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
