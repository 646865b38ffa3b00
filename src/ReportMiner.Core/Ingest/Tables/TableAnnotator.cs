namespace ReportMiner.Ingest;

/// <summary>A table cell as a reader found it: its text and the grid columns it covers.</summary>
public sealed record TableCellInfo(string Text, int GridColumn, int GridSpan = 1);

/// <summary>A table row; <paramref name="MarkedHeader"/> when the source marks it as a header row (w:tblHeader).</summary>
public sealed record TableRowInfo(IReadOnlyList<TableCellInfo> Cells, bool MarkedHeader = false);

/// <summary>What a cell's region carries: the header of its column and the unit its numbers are in.</summary>
public readonly record struct CellAnnotation(string? ColumnHeader, string? ImpliedUnit, bool IsHeader);

/// <summary>
/// Gives each table cell its column header and implied unit, for every format that has tables
/// (DOCX cells, PDF rows split at column gaps). Header rows: those marked as such, else the first
/// row when its cells are mostly words. Column headers go by grid column (a header spanning two
/// columns heads both; a cell spanning a 序号 column and more takes the next one's header).
/// Implied unit: the column header's unit (<c>同比增长(%)</c>), else the row label's for cells
/// from the label rightwards (<c>R&amp;D经费支出(万元)</c>), else the caption's (<c>单位:万元</c>);
/// none in a 序号/编号 column. Stateless.
/// </summary>
public static class TableAnnotator
{
    /// <summary>Annotations per row and cell, in the same shape as <paramref name="rows"/>.</summary>
    public static CellAnnotation[][] Annotate(IReadOnlyList<TableRowInfo> rows, string? captionUnit)
    {
        int headerRows = HeaderRowCount(rows);
        var headers = ColumnHeaders(rows, headerRows);
        var result = new CellAnnotation[rows.Count][];
        for (int r = 0; r < rows.Count; r++)
        {
            var cells = rows[r].Cells;
            result[r] = new CellAnnotation[cells.Count];
            if (r < headerRows)
            {
                for (int c = 0; c < cells.Count; c++) result[r][c] = new CellAnnotation(null, null, true);
                continue;
            }
            int label = -1;
            for (int c = 0; c < cells.Count && label < 0; c++)
                if (cells[c].Text.Any(char.IsLetter) && !TableUnits.IsIndexColumn(HeaderOf(cells[c], headers))) label = c;
            string? rowUnit = label >= 0 ? TableUnits.FromHeader(cells[label].Text) : null;
            for (int c = 0; c < cells.Count; c++)
            {
                string? header = HeaderOf(cells[c], headers);
                string? unit = null;
                if (!TableUnits.IsIndexColumn(header))
                    unit = TableUnits.FromHeader(header) ?? (label >= 0 && c >= label ? rowUnit : null) ?? captionUnit;
                result[r][c] = new CellAnnotation(string.IsNullOrEmpty(header) ? null : header, unit, false);
            }
        }
        return result;
    }

    /// <summary>Rows marked as header at the top; else the first row when its cells are mostly words, not numbers.</summary>
    public static int HeaderRowCount(IReadOnlyList<TableRowInfo> rows)
    {
        int marked = 0;
        while (marked < rows.Count && rows[marked].MarkedHeader) marked++;
        if (marked > 0) return marked;
        if (rows.Count < 2) return 0;
        var texts = rows[0].Cells.Where(c => c.Text.Length > 0).ToList();
        if (texts.Count == 0) return 0;
        int numeric = texts.Count(c => LooksNumeric(c.Text));
        return numeric * 2 < texts.Count ? 1 : 0;
    }

    /// <summary>Header text per grid column (a spanning header cell covers all its columns; stacked header rows are joined by a space).</summary>
    private static Dictionary<int, string> ColumnHeaders(IReadOnlyList<TableRowInfo> rows, int headerRows)
    {
        var headers = new Dictionary<int, string>();
        for (int r = 0; r < headerRows; r++)
            foreach (var cell in rows[r].Cells)
            {
                if (cell.Text.Length == 0) continue;
                for (int g = cell.GridColumn; g < cell.GridColumn + cell.GridSpan; g++)
                    headers[g] = headers.TryGetValue(g, out var above) && above != cell.Text ? above + " " + cell.Text : cell.Text;
            }
        return headers;
    }

    /// <summary>The header over a cell: of its first grid column, or, for a cell spanning an index column (序号) and more, of the first other one.</summary>
    private static string? HeaderOf(TableCellInfo cell, Dictionary<int, string> headers)
    {
        string? first = headers.GetValueOrDefault(cell.GridColumn);
        for (int g = cell.GridColumn; g < cell.GridColumn + cell.GridSpan; g++)
            if (headers.TryGetValue(g, out var h) && !TableUnits.IsIndexColumn(h)) return h;
        return first;
    }

    private static bool LooksNumeric(string text)
    {
        int digits = text.Count(char.IsDigit), letters = text.Count(char.IsLetter);
        return digits > 0 && letters <= 1;
    }
}
