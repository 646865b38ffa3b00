using Microsoft.Data.Sqlite;
using ReportMiner.Output;
using SQLitePCL;

namespace ReportMiner.Export;

/// <summary>
/// The tables as a SQLite database: <c>counties</c>, <c>documents</c>, <c>mentions</c>,
/// <c>errors</c>, <c>panel</c>, <c>conflicts</c> and <c>checks</c>, with the views
/// <c>latest_actual</c> (per county, indicator, qualifier and scope the panel's actual figure of
/// the latest period, periods compared as intervals) and <c>target_vs_actual</c> (per county, indicator,
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
          title TEXT, issuer TEXT, published TEXT, period TEXT, format TEXT NOT NULL, sha256 TEXT NOT NULL, duplicate_of TEXT,
          ocr INTEGER NOT NULL, PRIMARY KEY (id, report));
        CREATE TABLE mentions (
          id INTEGER PRIMARY KEY, county_key TEXT NOT NULL REFERENCES counties(key), indicator TEXT NOT NULL,
          status TEXT NOT NULL, qualifier TEXT, scope TEXT, value REAL NOT NULL, unit TEXT NOT NULL, raw TEXT NOT NULL,
          approximate INTEGER NOT NULL, bound TEXT, period TEXT, document TEXT NOT NULL, report INTEGER NOT NULL, page INTEGER,
          locator TEXT, source_start INTEGER, source_end INTEGER, sentence TEXT NOT NULL,
          normalised_start INTEGER NOT NULL, normalised_end INTEGER NOT NULL, method TEXT NOT NULL, confidence REAL NOT NULL,
          role TEXT NOT NULL, part_of INTEGER REFERENCES mentions(id),
          ocr INTEGER NOT NULL, ocr_confidence REAL, ocr_doubtful INTEGER NOT NULL,
          FOREIGN KEY (document, report) REFERENCES documents(id, report));
        CREATE TABLE errors (document TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL);
        CREATE INDEX mentions_by_county ON mentions (county_key, indicator, status);
        CREATE TABLE panel (
          county_key TEXT NOT NULL REFERENCES counties(key), county_name TEXT, indicator TEXT NOT NULL, period TEXT NOT NULL,
          qualifier TEXT, scope TEXT, value REAL NOT NULL, unit TEXT NOT NULL, status TEXT NOT NULL, value_period TEXT,
          period_first TEXT, period_last TEXT, full_period INTEGER NOT NULL, role TEXT NOT NULL, approximate INTEGER NOT NULL,
          raw TEXT NOT NULL, document TEXT NOT NULL, report INTEGER NOT NULL, published TEXT,
          mention_id INTEGER NOT NULL REFERENCES mentions(id), reason TEXT NOT NULL, figures INTEGER NOT NULL,
          agree INTEGER NOT NULL, disagree INTEGER NOT NULL, sentence TEXT NOT NULL);
        CREATE UNIQUE INDEX panel_key ON panel (county_key, indicator, period, COALESCE(qualifier, ''), COALESCE(scope, ''));
        CREATE TABLE conflicts (
          county_key TEXT NOT NULL REFERENCES counties(key), indicator TEXT NOT NULL, period TEXT NOT NULL, qualifier TEXT, scope TEXT,
          status TEXT NOT NULL, value_period TEXT, unit TEXT NOT NULL,
          chosen_mention_id INTEGER NOT NULL REFERENCES mentions(id), chosen_value REAL NOT NULL, chosen_raw TEXT NOT NULL,
          chosen_document TEXT NOT NULL, chosen_report INTEGER NOT NULL, chosen_sentence TEXT NOT NULL,
          other_mention_id INTEGER NOT NULL REFERENCES mentions(id), other_value REAL NOT NULL, other_raw TEXT NOT NULL,
          other_document TEXT NOT NULL, other_report INTEGER NOT NULL, other_sentence TEXT NOT NULL, relative_difference REAL NOT NULL);
        CREATE TABLE checks (
          "check" TEXT NOT NULL, county_key TEXT NOT NULL REFERENCES counties(key), indicator TEXT NOT NULL, period TEXT,
          mention_id INTEGER NOT NULL REFERENCES mentions(id), value REAL NOT NULL, document TEXT NOT NULL, report INTEGER NOT NULL,
          other_mention_id INTEGER REFERENCES mentions(id), other_value REAL, detail TEXT NOT NULL);
        CREATE VIEW latest_actual AS
          SELECT county_key, indicator, qualifier, period, value, unit, document, sentence, scope, value_period, report, mention_id FROM (
            SELECT p.*, ROW_NUMBER() OVER (
              PARTITION BY county_key, indicator, COALESCE(qualifier, ''), COALESCE(scope, '')
              ORDER BY period_last IS NULL, period_last DESC, substr(period_first, 1, 4) <> substr(period_last, 1, 4),
                       period_first, mention_id) AS rn
            FROM panel p WHERE status = 'actual')
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
    private readonly PanelCollector _panel;

    /// <summary>Builds the database in a temporary file; <see cref="Complete"/> publishes it at <paramref name="path"/>.</summary>
    public SqliteTableWriter(string path, Panel.PanelOptions? panel = null)
    {
        _panel = new PanelCollector(panel);
        _path = path;
        _tmp = AtomicFile.TempPathFor(path);
        var cs = new SqliteConnectionStringBuilder { DataSource = _tmp, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        _db = new SqliteConnection(cs);
        _db.Open();
        // Foreign keys are declared for the reader but not enforced while loading: rows arrive before
        // the rows they reference (documents before counties, a mention before its part's total is
        // known), and SQLite then looks for orphans on every parent insert by scanning the child table
        // (quadratic on a large batch). Complete checks every key once with foreign_key_check instead.
        Exec(_db, "PRAGMA journal_mode = MEMORY; PRAGMA foreign_keys = OFF;");
        _tx = _db.BeginTransaction();
        Exec(_db, Schema, _tx);
        _documents = new Insert(_db, "INSERT INTO documents VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)");
        _mentions = new Insert(_db, "INSERT INTO mentions VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28)");
        _errors = new Insert(_db, "INSERT INTO errors VALUES ($1,$2,$3)");
    }

    public void AddDocument(DocumentRow document)
    {
        _panel.AddDocument(document);
        _documents.Run(document.Id, document.Report ?? 1, document.CountyKey, document.Title, document.Issuer, document.Published, document.Period, document.Format, document.Sha256, document.DuplicateOf, document.Ocr ? 1 : 0);
    }

    public void AddMention(MentionRow mention)
    {
        var m = mention;
        var (id, partOf) = _panel.AddMention(m);
        _mentions.Run(id, m.County.Key, m.Indicator, m.Status, m.Qualifier, m.Scope, m.Value, m.Unit, m.Raw, m.Approximate ? 1 : 0, m.Bound,
            m.Period, m.Document, m.Report, m.Page, m.Locator, m.SourceStart, m.SourceEnd, m.Sentence, m.SpanStart, m.SpanEnd, m.Method,
            Math.Round(m.Confidence, 4), m.Role, partOf, m.Ocr ? 1 : 0, m.OcrConfidence, m.OcrDoubtful ? 1 : 0);
    }

    public void AddError(ErrorRow error) => _errors.Run(error.Document, error.Stage, error.Reason);

    public bool Complete(IReadOnlyList<CountyRow> counties)
    {
        var db = _db ?? throw new InvalidOperationException("already completed");
        using (var insert = new Insert(db, "INSERT INTO counties VALUES ($1,$2,$3,$4,$5,$6)"))
            foreach (var c in counties)
                insert.Run(c.Key, c.Name, c.Code, c.Province, c.City, c.Candidates.Count == 0 ? null : string.Join("\n", c.Candidates));
        var result = _panel.Build();
        using (var insert = new Insert(db, "INSERT INTO panel VALUES (" + Parameters(PanelTables.PanelHeaders.Length) + ")"))
            foreach (var r in result.Rows)
                insert.Run(r.CountyKey, r.CountyName, r.Indicator, r.Period, r.Qualifier, r.Scope, r.Value, r.Unit, r.Status, r.ValuePeriod,
                    r.PeriodFirst, r.PeriodLast, r.FullPeriod ? 1 : 0, r.Role, r.Approximate ? 1 : 0, r.Raw, r.Document, r.Report, r.Published,
                    r.MentionId, r.Reason, r.Figures, r.Agree, r.Disagree, r.Sentence);
        using (var insert = new Insert(db, "INSERT INTO conflicts VALUES (" + Parameters(PanelTables.ConflictHeaders.Length) + ")"))
            foreach (var c in result.Conflicts)
                insert.Run(c.CountyKey, c.Indicator, c.Period, c.Qualifier, c.Scope, c.Status, c.ValuePeriod, c.Unit,
                    c.ChosenMentionId, c.ChosenValue, c.ChosenRaw, c.ChosenDocument, c.ChosenReport, c.ChosenSentence,
                    c.OtherMentionId, c.OtherValue, c.OtherRaw, c.OtherDocument, c.OtherReport, c.OtherSentence, c.RelativeDifference);
        using (var insert = new Insert(db, "INSERT INTO checks VALUES (" + Parameters(PanelTables.CheckHeaders.Length) + ")"))
            foreach (var c in result.Checks)
                insert.Run(c.Check, c.CountyKey, c.Indicator, c.Period, c.MentionId, c.Value, c.Document, c.Report, c.OtherMentionId, c.OtherValue, c.Detail);
        CheckForeignKeys(db);
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

    /// <summary>Every declared foreign key holds (one pass over the child tables, using the parents' keys); a violation is a bug of the writer.</summary>
    private void CheckForeignKeys(SqliteConnection db)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = "PRAGMA foreign_key_check;";
        using var reader = cmd.ExecuteReader();
        if (reader.Read())
            throw new InvalidOperationException($"{_path}: row {reader.GetValue(1)} of table {reader.GetString(0)} references a missing row of {reader.GetString(2)}");
    }

    private static string Parameters(int count) => string.Join(",", Enumerable.Range(1, count).Select(i => "$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

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
