using System.Text;
using ReportMiner.Output;

namespace ReportMiner.Export;

/// <summary>
/// The long table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the
/// Chinese right), RFC 4180 quoting, CRLF line ends, culture-invariant numbers. Documents and
/// errors are not part of it (see the XLSX and SQLite tables).
/// </summary>
public sealed class CsvTableWriter : ITableWriter
{
    private readonly string _path;
    private readonly string _tmp;
    private StreamWriter? _writer;

    public CsvTableWriter(string path)
    {
        _path = path;
        _tmp = AtomicFile.TempPathFor(path);
        // UTF8Encoding(true) writes the byte-order mark first.
        _writer = new StreamWriter(new FileStream(_tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), new UTF8Encoding(true), 1 << 16);
        WriteLine(MentionTable.Headers.Select(Cell.Of).ToArray());
    }

    public void AddDocument(DocumentRow document) { }

    public void AddError(ErrorRow error) { }

    public void AddMention(MentionRow mention) => WriteLine(MentionTable.Row(mention));

    public bool Complete(IReadOnlyList<CountyRow> counties)
    {
        var writer = _writer ?? throw new InvalidOperationException("already completed");
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

    private void WriteLine(Cell[] cells)
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
