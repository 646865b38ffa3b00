namespace ReportMiner.Eval;

/// <summary>
/// A named set of documents (a split such as the sealed test set), read from a list file: one
/// document key per line (a file name without folder or extension), '#' starts a comment. The
/// tools take it as a parameter (<c>--only</c>, <c>--exclude</c>, <c>--holdout</c>), so a
/// split is scored as a whole without anyone naming or opening its documents.
/// </summary>
public sealed class DocumentSplit
{
    private readonly HashSet<string> _keys;

    private DocumentSplit(HashSet<string> keys, string source)
    {
        _keys = keys;
        Source = source;
    }

    /// <summary>Where the list came from (for messages).</summary>
    public string Source { get; }

    /// <summary>Number of keys in the list.</summary>
    public int Count => _keys.Count;

    /// <summary>Whether <paramref name="documentKey"/> (or a document id, reduced to its key) is in the split.</summary>
    public bool Contains(string documentKey) => _keys.Contains(MentionSets.DocumentKey(documentKey));

    /// <summary>Parses list-file text.</summary>
    public static DocumentSplit Parse(string text, string source = "list")
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            int hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length > 0) keys.Add(MentionSets.DocumentKey(line));
        }
        return new DocumentSplit(keys, source);
    }

    /// <summary>Reads a list file; null (and <paramref name="problem"/> set) when it cannot be read.</summary>
    public static DocumentSplit? Read(string path, out string? problem)
    {
        try
        {
            problem = null;
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"{path}: cannot read the document list: {ex.Message}";
            return null;
        }
    }

    /// <summary>Keeps the documents an <c>--only</c> list names and drops those an <c>--exclude</c> list names (either may be null).</summary>
    public static bool Keeps(string documentKey, DocumentSplit? only, DocumentSplit? exclude)
        => (only is null || only.Contains(documentKey)) && (exclude is null || !exclude.Contains(documentKey));
}
