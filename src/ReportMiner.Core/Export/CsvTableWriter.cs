using System.Text;

namespace ReportMiner.Export;

/// <summary>
/// The long table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the
/// Chinese right), RFC 4180 quoting, CRLF line ends, culture-invariant numbers.
/// </summary>
public static class CsvTableWriter
{
    public static byte[] Write(ExportData data)
    {
        var sb = new StringBuilder();
        AppendLine(sb, MentionTable.Headers.Select(Cell.Of));
        foreach (var m in data.Mentions) AppendLine(sb, MentionTable.Row(m));
        var preamble = Encoding.UTF8.GetPreamble();
        var body = new UTF8Encoding(false).GetBytes(sb.ToString());
        return [.. preamble, .. body];
    }

    private static void AppendLine(StringBuilder sb, IEnumerable<Cell> cells)
    {
        bool first = true;
        foreach (var cell in cells)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append(Quote(cell.Format()));
        }
        sb.Append("\r\n");
    }

    /// <summary>RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled.</summary>
    public static string Quote(string field)
        => field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
