using Microsoft.Data.Sqlite;
using ReportMiner.Output;
using SQLitePCL;

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
          ocr INTEGER NOT NULL, PRIMARY KEY (id, report));
        CREATE TABLE mentions (
          id INTEGER PRIMARY KEY, county_key TEXT NOT NULL REFERENCES counties(key), indicator TEXT NOT NULL,
          status TEXT NOT NULL, qualifier TEXT, scope TEXT, value REAL NOT NULL, unit TEXT NOT NULL, raw TEXT NOT NULL,
          approximate INTEGER NOT NULL, bound TEXT, period TEXT, document TEXT NOT NULL, page INTEGER, sentence TEXT NOT NULL,
          span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, method TEXT NOT NULL, confidence REAL NOT NULL,
          ocr INTEGER NOT NULL, ocr_confidence REAL, ocr_doubtful INTEGER NOT NULL);
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
        _documents = new Insert(_db, "INSERT INTO documents VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)");
        _mentions = new Insert(_db, "INSERT INTO mentions VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22)");
        _errors = new Insert(_db, "INSERT INTO errors VALUES ($1,$2,$3)");
    }

    public void AddDocument(DocumentRow document)
        => _documents.Run(document.Id, document.Report ?? 1, document.CountyKey, document.Title, document.Issuer, document.Published, document.Period, document.Format, document.Sha256, document.Ocr ? 1 : 0);

    public void AddMention(MentionRow mention)
    {
        var m = mention;
        _mentions.Run(++_mentionId, m.County.Key, m.Indicator, m.Status, m.Qualifier, m.Scope, m.Value, m.Unit, m.Raw, m.Approximate ? 1 : 0, m.Bound,
            m.Period, m.Document, m.Page, m.Sentence, m.SpanStart, m.SpanEnd, m.Method, Math.Round(m.Confidence, 4),
            m.Ocr ? 1 : 0, m.OcrConfidence, m.OcrDoubtful ? 1 : 0);
    }

    public void AddError(ErrorRow error) => _errors.Run(error.Document, error.Stage, error.Reason);

    public bool Complete(IReadOnlyList<CountyRow> counties)
    {
        var db = _db ?? throw new InvalidOperationException("already completed");
        using (var insert = new Insert(db, "INSERT INTO counties VALUES ($1,$2,$3,$4,$5,$6)"))
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

    /// <summary>
    /// A prepared INSERT with positional parameters <c>$1…$n</c>, bound and stepped through
    /// SQLitePCL (the layer under Microsoft.Data.Sqlite): a command object per row cost more
    /// than the insert itself (~10 µs a mention row, measured). Runs inside the writer's transaction.
    /// </summary>
    private sealed class Insert : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _stmt;
        private readonly int _count;
        private byte[] _utf8 = new byte[1024];

        /// <param name="db">An open connection; the statement runs in its open transaction.</param>
        public Insert(SqliteConnection db, string sql)
        {
            _db = db.Handle!;
            Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
            _count = raw.sqlite3_bind_parameter_count(_stmt);
        }

        public void Run(params object?[] values)
        {
            for (int i = 0; i < _count; i++)
            {
                int rc = values[i] switch
                {
                    null => raw.sqlite3_bind_null(_stmt, i + 1),
                    string s => BindText(i + 1, s),
                    int n => raw.sqlite3_bind_int64(_stmt, i + 1, n),
                    long n => raw.sqlite3_bind_int64(_stmt, i + 1, n),
                    double d => raw.sqlite3_bind_double(_stmt, i + 1, d),
                    var other => throw new ArgumentException($"cannot bind {other.GetType().Name}"),
                };
                Check(rc);
            }
            int step = raw.sqlite3_step(_stmt);
            if (step != raw.SQLITE_DONE) Check(step);
            Check(raw.sqlite3_reset(_stmt));
        }

        /// <summary>
        /// Binds text as UTF-8 from a buffer kept for the statement (SQLite copies it): the string
        /// overload converted every value into a new array (55 of the 69 perf samples of a run's
        /// mention inserts). Lone surrogates become U+FFFD, as they did there; an empty string
        /// stays '' (not NULL).
        /// </summary>
        private int BindText(int index, string s)
        {
            int max = System.Text.Encoding.UTF8.GetMaxByteCount(s.Length);
            if (_utf8.Length < max) _utf8 = new byte[Math.Max(max, 2 * _utf8.Length)];
            System.Text.Unicode.Utf8.FromUtf16(s, _utf8, out _, out int written, replaceInvalidSequences: true);
            return raw.sqlite3_bind_text(_stmt, index, _utf8.AsSpan(0, written));
        }

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK) throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
        }

        public void Dispose() => _stmt.Dispose();
    }
}
