using System.Text;
using ReportMiner.Output;

namespace ReportMiner.Export;

/// <summary>
/// The long table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the
/// Chinese right), RFC 4180 quoting, CRLF line ends, culture-invariant numbers. Beside it, in
/// the same folder and the same form, <c>panel.csv</c>, <c>conflicts.csv</c> and
/// <c>checks.csv</c> (<see cref="PanelTables"/>). Documents and errors are not part of it (see
/// the XLSX and SQLite tables).
/// </summary>
public sealed class CsvTableWriter : ITableWriter
{
    /// <summary>The files written beside the long table, in its folder.</summary>
    public const string PanelFile = "panel.csv", ConflictsFile = "conflicts.csv", ChecksFile = "checks.csv";

    private readonly string _path;
    private CsvFile? _mentions;
    private readonly PanelCollector _panel;

    public CsvTableWriter(string path, Panel.PanelOptions? panel = null)
    {
        _panel = new PanelCollector(panel);
        _path = path;
        _mentions = new CsvFile(path, MentionTable.Headers);
    }

    public void AddDocument(DocumentRow document) => _panel.AddDocument(document);

    public void AddError(ErrorRow error) { }

    public void AddMention(MentionRow mention)
    {
        var (id, partOf) = _panel.AddMention(mention);
        _mentions!.Write(MentionTable.Row(mention, id, partOf));
    }

    public bool Complete(IReadOnlyList<CountyRow> counties)
    {
        var mentions = _mentions ?? throw new InvalidOperationException("already completed");
        _mentions = null;
        var result = _panel.Build();
        var dir = Path.GetDirectoryName(Path.GetFullPath(_path))!;
        bool changed;
        using (mentions) changed = mentions.Publish();
        changed |= Publish(Path.Combine(dir, PanelFile), PanelTables.PanelHeaders, result.Rows.Select(PanelTables.PanelCells));
        changed |= Publish(Path.Combine(dir, ConflictsFile), PanelTables.ConflictHeaders, result.Conflicts.Select(PanelTables.ConflictCells));
        changed |= Publish(Path.Combine(dir, ChecksFile), PanelTables.CheckHeaders, result.Checks.Select(PanelTables.CheckCells));
        return changed;
    }

    private static bool Publish(string path, string[] headers, IEnumerable<Cell[]> rows)
    {
        using var file = new CsvFile(path, headers);
        foreach (var row in rows) file.Write(row);
        return file.Publish();
    }

    public void Dispose()
    {
        _mentions?.Dispose();
        _mentions = null;
    }

    /// <summary>One CSV table streamed into a temporary file beside its target, published atomically if changed.</summary>
    private sealed class CsvFile : IDisposable
    {
        private readonly string _path;
        private readonly string _tmp;
        private StreamWriter? _writer;

        public CsvFile(string path, string[] headers)
        {
            _path = path;
            _tmp = AtomicFile.TempPathFor(path);
            // UTF8Encoding(true) writes the byte-order mark first.
            _writer = new StreamWriter(new FileStream(_tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), new UTF8Encoding(true), 1 << 16);
            Write(headers.Select(Cell.Of).ToArray());
        }

        public void Write(Cell[] cells)
        {
            var w = _writer!;
            for (int i = 0; i < cells.Length; i++)
            {
                if (i > 0) w.Write(',');
                // Text that would start a formula is escaped (OWASP); numbers stay numbers.
                WriteField(w, cells[i].Number is null ? FormulaGuard.ForCsv(cells[i].Format()) : cells[i].Format());
            }
            w.Write("\r\n");
        }

        public bool Publish()
        {
            var writer = _writer ?? throw new InvalidOperationException("already published");
            writer.Dispose();
            _writer = null;
            return AtomicFile.PublishIfChanged(_tmp, _path);
        }

        public void Dispose()
        {
            _writer?.Dispose();
            _writer = null;
            if (File.Exists(_tmp)) File.Delete(_tmp);
        }
    }

    private static void WriteField(TextWriter w, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            w.Write(field);
            return;
        }
        w.Write('"');
        var rest = field.AsSpan();
        for (int q; (q = rest.IndexOf('"')) >= 0; rest = rest[(q + 1)..])
        {
            w.Write(rest[..(q + 1)]);
            w.Write('"');
        }
        w.Write(rest);
        w.Write('"');
    }

    /// <summary>RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled.</summary>
    public static string Quote(string field)
    {
        using var w = new StringWriter();
        WriteField(w, field);
        return w.ToString();
    }
}
