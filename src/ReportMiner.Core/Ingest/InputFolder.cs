namespace ReportMiner.Ingest;

/// <summary>The report files a batch reads under a folder.</summary>
public static class InputFolder
{
    /// <summary>
    /// Report files under <paramref name="root"/>, as (id, full path), in ordinal order of id.
    /// A sub-folder that cannot be listed (no permission) is an entry too, with an id ending in
    /// '/', so that the batch reports it as an error instead of skipping its files in silence
    /// (see <see cref="IsFolder"/>). Links are not followed.
    /// </summary>
    public static List<(string Id, string Path)> Enumerate(string root, IReadOnlyCollection<string> extensions)
    {
        var exts = new HashSet<string>(extensions, StringComparer.OrdinalIgnoreCase);
        var files = new List<(string, string)>();
        var opts = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.ReparsePoint };
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            string[] entries, subdirs;
            try
            {
                entries = Directory.GetFiles(dir, "*", opts);
                subdirs = Directory.GetDirectories(dir, "*", opts);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException && !ReferenceEquals(dir, root))
            {
                files.Add((Path.GetRelativePath(root, dir).Replace('\\', '/') + "/", dir));
                continue;
            }
            foreach (var path in entries)
            {
                if (!exts.Contains(Path.GetExtension(path))) continue;
                files.Add((Path.GetRelativePath(root, path).Replace('\\', '/'), path));
            }
            foreach (var sub in subdirs) pending.Push(sub);
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }

    /// <summary>True for an entry of <see cref="Enumerate"/> that stands for a sub-folder that could not be listed.</summary>
    public static bool IsFolder(string id) => id.EndsWith('/');

    /// <summary>The error of such an entry.</summary>
    public static IngestError UnreadableFolder(string id) =>
        new(id, "read", "folder cannot be listed (permission denied?): the files in it were not mined");
}
