using Microsoft.Data.Sqlite;
using ReportMiner.Output;

namespace ReportMiner.Export;

/// <summary>
/// The tables as a SQLite database: <c>counties</c>, <c>documents</c>, <c>mentions</c> and
/// <c>errors</c>, with the views <c>latest_actual</c> (per county, indicator and qualifier the
/// actual figure of the latest period) and <c>target_vs_actual</c> (per county, indicator,
/// qualifier and period the largest target beside the largest actual). Rows are inserted in
/// table order (<see cref="ITableWriter"/>), so the same data gives the same file.
/// </summary>
public sealed class SqliteTableWriter : ITableWriter
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

    private readonly string _path;
    private readonly string _tmp;
    private SqliteConnection? _db;
    private SqliteTransaction? _tx;
    private readonly Insert _documents, _mentions, _errors;
    private long _mentionId;

    /// <summary>Builds the database in a temporary file; <see cref="Complete"/> publishes it at <paramref name="path"/>.</summary>
    public SqliteTableWriter(string path)
    {
        _path = path;
        _tmp = AtomicFile.TempPathFor(path);
        var cs = new SqliteConnectionStringBuilder { DataSource = _tmp, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        _db = new SqliteConnection(cs);
        _db.Open();
        Exec(_db, "PRAGMA journal_mode = MEMORY; PRAGMA foreign_keys = ON;");
        _tx = _db.BeginTransaction();
        // Documents arrive before the counties they reference: check the keys at commit.
        Exec(_db, "PRAGMA defer_foreign_keys = ON;", _tx);
        Exec(_db, Schema, _tx);
        _documents = new Insert(_db, _tx, "INSERT INTO documents VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)");
        _mentions = new Insert(_db, _tx, "INSERT INTO mentions VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)");
        _errors = new Insert(_db, _tx, "INSERT INTO errors VALUES ($1,$2,$3)");
    }

    public void AddDocument(DocumentRow d)
        => _documents.Run(d.Id, d.Report ?? 1, d.CountyKey, d.Title, d.Issuer, d.Published, d.Period, d.Format, d.Sha256);

    public void AddMention(MentionRow m)
        => _mentions.Run(++_mentionId, m.County.Key, m.Indicator, m.Status, m.Qualifier, m.Scope, m.Value, m.Unit, m.Raw, m.Approximate ? 1 : 0, m.Bound,
            m.Period, m.Document, m.Page, m.Sentence, m.SpanStart, m.SpanEnd, m.Method, Math.Round(m.Confidence, 4));

    public void AddError(ErrorRow e) => _errors.Run(e.Document, e.Stage, e.Reason);

    public bool Complete(IReadOnlyList<CountyRow> counties)
    {
        var db = _db ?? throw new InvalidOperationException("already completed");
        using (var insert = new Insert(db, _tx!, "INSERT INTO counties VALUES ($1,$2,$3,$4,$5,$6)"))
            foreach (var c in counties)
                insert.Run(c.Key, c.Name, c.Code, c.Province, c.City, c.Candidates.Count == 0 ? null : string.Join("\n", c.Candidates));
        _tx!.Commit();
        Close();
        return AtomicFile.PublishIfChanged(_tmp, _path);
    }

    public void Dispose()
    {
        Close();
        if (File.Exists(_tmp)) File.Delete(_tmp);
    }

    private void Close()
    {
        _documents.Dispose();
        _mentions.Dispose();
        _errors.Dispose();
        _tx?.Dispose();
        _tx = null;
        _db?.Dispose();
        _db = null;
    }

    private static void Exec(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>A prepared INSERT with positional parameters <c>$1…$n</c>.</summary>
    private sealed class Insert : IDisposable
    {
        private readonly SqliteCommand _cmd;
        private readonly SqliteParameter[] _parameters;

        public Insert(SqliteConnection db, SqliteTransaction tx, string sql)
        {
            _cmd = db.CreateCommand();
            _cmd.Transaction = tx;
            _cmd.CommandText = sql;
            int n = sql.Count(ch => ch == '$');
            _parameters = Enumerable.Range(1, n).Select(i => _cmd.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
            _cmd.Prepare();
        }

        public void Run(params object?[] values)
        {
            for (int i = 0; i < _parameters.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
            _cmd.ExecuteNonQuery();
        }

        public void Dispose() => _cmd.Dispose();
    }
}
