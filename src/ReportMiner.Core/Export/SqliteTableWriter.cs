using Microsoft.Data.Sqlite;
using ReportMiner.Output;

namespace ReportMiner.Export;

/// <summary>
/// The tables as a SQLite database: <c>counties</c>, <c>documents</c>, <c>mentions</c> and
/// <c>errors</c>, with the views <c>latest_actual</c> (per county, indicator and qualifier the
/// actual figure of the latest period) and <c>target_vs_actual</c> (per county, indicator,
/// qualifier and period the largest target beside the largest actual). Rows are inserted in
/// a fixed order, so the same data gives the same file.
/// </summary>
public static class SqliteTableWriter
{
    public const string Schema = """
        CREATE TABLE counties (
          key TEXT PRIMARY KEY, name TEXT, code TEXT, province TEXT, city TEXT, candidates TEXT);
        CREATE TABLE documents (
          id TEXT NOT NULL, report INTEGER NOT NULL, county_key TEXT NOT NULL REFERENCES counties(key),
          title TEXT, issuer TEXT, published TEXT, period TEXT, format TEXT NOT NULL, sha256 TEXT NOT NULL,
          PRIMARY KEY (id, report));
        CREATE TABLE mentions (
          id INTEGER PRIMARY KEY, county_key TEXT NOT NULL REFERENCES counties(key), indicator TEXT NOT NULL,
          status TEXT NOT NULL, qualifier TEXT, scope TEXT, value REAL NOT NULL, unit TEXT NOT NULL, raw TEXT NOT NULL,
          approximate INTEGER NOT NULL, bound TEXT, period TEXT, document TEXT NOT NULL, page INTEGER, sentence TEXT NOT NULL,
          span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, method TEXT NOT NULL, confidence REAL NOT NULL);
        CREATE TABLE errors (document TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL);
        CREATE INDEX mentions_by_county ON mentions (county_key, indicator, status);
        CREATE VIEW latest_actual AS
          SELECT county_key, indicator, qualifier, period, value, unit, document, sentence FROM (
            SELECT m.*, ROW_NUMBER() OVER (
              PARTITION BY county_key, indicator, COALESCE(qualifier, '')
              ORDER BY period IS NULL, period DESC, value DESC, id) AS rn
            FROM mentions m WHERE status = 'actual')
          WHERE rn = 1;
        CREATE VIEW target_vs_actual AS
          SELECT county_key, indicator, qualifier, period, unit,
                 MAX(CASE WHEN status = 'target' THEN value END) AS target,
                 MAX(CASE WHEN status = 'actual' THEN value END) AS actual,
                 MAX(CASE WHEN status = 'actual' THEN value END) / NULLIF(MAX(CASE WHEN status = 'target' THEN value END), 0) AS actual_over_target
          FROM mentions
          GROUP BY county_key, indicator, COALESCE(qualifier, ''), COALESCE(period, ''), unit
          HAVING target IS NOT NULL;
        """;

    /// <summary>Writes the database to <paramref name="path"/> atomically; an unchanged file is left as it is.</summary>
    public static void Write(ExportData data, string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".build");
        try
        {
            Build(data, tmp);
            AtomicFile.WriteIfChanged(full, File.ReadAllBytes(tmp));
        }
        finally
        {
            File.Delete(tmp);
        }
    }

    private static void Build(ExportData data, string file)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        using var db = new SqliteConnection(cs);
        db.Open();
        Exec(db, "PRAGMA journal_mode = MEMORY; PRAGMA foreign_keys = ON;");
        using var tx = db.BeginTransaction();
        Exec(db, Schema, tx);
        Insert(db, tx, "INSERT INTO counties VALUES ($1,$2,$3,$4,$5,$6)",
            data.Counties.Select(c => new object?[] { c.Key, c.Name, c.Code, c.Province, c.City, c.Candidates.Count == 0 ? null : string.Join("\n", c.Candidates) }));
        Insert(db, tx, "INSERT INTO documents VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
            data.Documents.Select(d => new object?[] { d.Id, d.Report ?? 1, d.CountyKey, d.Title, d.Issuer, d.Published, d.Period, d.Format, d.Sha256 }));
        Insert(db, tx, "INSERT INTO mentions VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)",
            data.Mentions.Select((m, i) => new object?[]
            {
                i + 1, m.County.Key, m.Indicator, m.Status, m.Qualifier, m.Scope, m.Value, m.Unit, m.Raw, m.Approximate ? 1 : 0, m.Bound,
                m.Period, m.Document, m.Page, m.Sentence, m.SpanStart, m.SpanEnd, m.Method, Math.Round(m.Confidence, 4),
            }));
        Insert(db, tx, "INSERT INTO errors VALUES ($1,$2,$3)", data.Errors.Select(e => new object?[] { e.Document, e.Stage, e.Reason }));
        tx.Commit();
    }

    private static void Exec(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void Insert(SqliteConnection db, SqliteTransaction tx, string sql, IEnumerable<object?[]> rows)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        int n = sql.Count(ch => ch == '$');
        var parameters = Enumerable.Range(1, n).Select(i => cmd.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
        cmd.Prepare();
        foreach (var row in rows)
        {
            for (int i = 0; i < n; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            cmd.ExecuteNonQuery();
        }
    }
}
