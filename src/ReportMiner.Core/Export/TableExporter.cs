namespace ReportMiner.Export;

/// <summary>The table formats, their writers, and where <c>run</c> puts them in its output folder.</summary>
public static class TableExporter
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx", "sqlite"];

    /// <summary>File name of a format inside the output folder.</summary>
    public static string DefaultFileName(string format) => format switch
    {
        "csv" => "mentions.csv",
        "xlsx" => "mentions.xlsx",
        "sqlite" => "reportminer.sqlite",
        _ => throw new ArgumentException($"unknown table format '{format}' (csv, xlsx, sqlite)", nameof(format)),
    };

    /// <summary>A writer for <paramref name="format"/> that will publish <paramref name="path"/>.</summary>
    public static ITableWriter Create(string format, string path, Panel.PanelOptions? panel = null) => format switch
    {
        "csv" => new CsvTableWriter(path, panel),
        "xlsx" => new XlsxTableWriter(path, panel: panel),
        "sqlite" => new SqliteTableWriter(path, panel),
        _ => throw new ArgumentException($"unknown table format '{format}' (csv, xlsx, sqlite)", nameof(format)),
    };

    /// <summary>Writers for the formats <c>output.tables</c> lists, into <paramref name="outDir"/> under their default names.</summary>
    public static List<ITableWriter> CreateInto(string outDir, IEnumerable<string> formats, Panel.PanelOptions? panel = null)
        => formats.Select(f => f.Trim().ToLowerInvariant()).Distinct().Select(f => Create(f, Path.Combine(outDir, DefaultFileName(f)), panel)).ToList();

    /// <summary>Writes <paramref name="data"/> in <paramref name="format"/> to <paramref name="path"/>, atomically and only if changed.</summary>
    public static bool Write(ExportData data, string format, string path, Panel.PanelOptions? panel = null)
    {
        using var writer = Create(format, path, panel);
        TableFeed.Feed(data, [writer]);
        return writer.Complete(data.Counties);
    }
}

/// <summary>Pushes an output folder's rows into table writers in table order (see <see cref="ITableWriter"/>).</summary>
public static class TableFeed
{
    /// <summary>One file's rows: its documents (by report), then its mentions (by position), or its error.</summary>
    public static void File(IReadOnlyList<ITableWriter> writers, IEnumerable<DocumentRow> documents, IEnumerable<MentionRow> mentions, ErrorRow? error)
    {
        if (error is not null)
        {
            foreach (var w in writers) w.AddError(error);
            return;
        }
        foreach (var d in documents)
            foreach (var w in writers) w.AddDocument(d);
        foreach (var m in mentions)
            foreach (var w in writers) w.AddMention(m);
    }

    /// <summary>
    /// Everything in <paramref name="data"/>, file by file in ordinal order of id. County files
    /// list a file's reports by county, so its documents and mentions are brought together here.
    /// </summary>
    public static void Feed(ExportData data, IReadOnlyList<ITableWriter> writers)
    {
        var documents = data.Documents.ToLookup(d => d.Id, StringComparer.Ordinal);
        var mentions = data.Mentions.ToLookup(m => m.Document, StringComparer.Ordinal);
        var errors = data.Errors.ToLookup(e => e.Document, StringComparer.Ordinal);
        var ids = documents.Select(g => g.Key).Concat(mentions.Select(g => g.Key)).Concat(errors.Select(g => g.Key))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            foreach (var e in errors[id]) File(writers, [], [], e);
            File(writers, documents[id].OrderBy(d => d.Report ?? 1),
                mentions[id].OrderBy(m => m.SpanStart).ThenBy(m => m.Indicator, StringComparer.Ordinal), null);
        }
    }
}
