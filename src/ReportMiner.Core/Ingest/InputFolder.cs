namespace ReportMiner.Ingest;

/// <summary>The report files a batch reads under a folder.</summary>
public static class InputFolder
{
    /// <summary>Report files under <paramref name="root"/>, as (id, full path), in ordinal order of id.</summary>
    public static List<(string Id, string Path)> Enumerate(string root, IReadOnlyCollection<string> extensions)
    {
        var exts = new HashSet<string>(extensions, StringComparer.OrdinalIgnoreCase);
        var files = new List<(string, string)>();
        var opts = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var path in Directory.EnumerateFiles(root, "*", opts))
        {
            if (!exts.Contains(Path.GetExtension(path))) continue;
            var id = Path.GetRelativePath(root, path).Replace('\\', '/');
            files.Add((id, path));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }
}
