using Microsoft.Data.Sqlite;
using ReportMiner.Export;

namespace ReportMiner.Core.Tests.Export;

/// <summary>Text goes into the database as written: Chinese, empty (not NULL), longer than the bind buffer, and a lone surrogate as U+FFFD.</summary>
public sealed class SqliteTableWriterTests : IDisposable
{
    private readonly TempFolder _temp = new("rm-sqlite");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public void Text_values_read_back_as_bound()
    {
        Directory.CreateDirectory(_temp.Path);
        var path = Path.Combine(_temp.Path, "t.sqlite");
        var county = new CountyRow("仙居县", "仙居县", "331024", "浙江省", "台州市", []);
        var longSentence = string.Concat(Enumerable.Repeat("全县高新技术企业达到171家，", 200));
        var rows = new[]
        {
            new MentionRow(county, "high_tech_enterprises", "actual", "", null, 171, "count", "171家", false, null, "2023", "a.txt", null,
                longSentence, 0, 5, "rules", 0.9),
            new MentionRow(county, "rd_spending", "target", "全社会", "县", 2.5, "percent", "2.5\uD800%", true, "at_least", null, "a.txt", 3,
                "研发投入占比达到2.5%。", 9, 13, "rules+ml", 0.87654),
        };
        using (var writer = new SqliteTableWriter(path))
        {
            writer.AddDocument(new DocumentRow(county.Key, "a.txt", null, "2023年工作总结", "仙居县科技局", null, "2023", "txt", new string('0', 64)));
            foreach (var row in rows) writer.AddMention(row);
            Assert.True(writer.Complete([county]));
        }

        using var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var read = new SqliteCommand("SELECT qualifier, typeof(qualifier), scope, raw, sentence, county_key FROM mentions ORDER BY id", db);
        using var r = read.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal(("", "text"), (r.GetString(0), r.GetString(1)));
        Assert.True(r.IsDBNull(2));
        Assert.Equal("171家", r.GetString(3));
        Assert.Equal(longSentence, r.GetString(4));
        Assert.Equal("仙居县", r.GetString(5));
        Assert.True(r.Read());
        Assert.Equal(("全社会", "县", "2.5\uFFFD%", "研发投入占比达到2.5%。"), (r.GetString(0), r.GetString(2), r.GetString(3), r.GetString(4)));
        Assert.False(r.Read());
        using var title = new SqliteCommand("SELECT title, issuer, published IS NULL FROM documents", db);
        using var t = title.ExecuteReader();
        Assert.True(t.Read());
        Assert.Equal(("2023年工作总结", "仙居县科技局", 1L), (t.GetString(0), t.GetString(1), t.GetInt64(2)));
    }

    [Fact]
    public void Foreign_keys_are_checked_once_when_the_database_is_completed()
    {
        Directory.CreateDirectory(_temp.Path);
        var county = new CountyRow("仙居县", "仙居县", "331024", "浙江省", "台州市", []);
        var mention = new MentionRow(county, "high_tech_enterprises", "actual", null, null, 171, "count", "171家", false, null, "2023", "a.txt", null,
            "全县高新技术企业达到171家。", 0, 5, "rule", 0.9);

        // Every key holds: the published database has no orphan, as foreign_key_check sees it.
        var good = Path.Combine(_temp.Path, "good.sqlite");
        using (var writer = new SqliteTableWriter(good))
        {
            writer.AddDocument(new DocumentRow(county.Key, "a.txt", null, null, null, null, "2023", "txt", new string('0', 64)));
            writer.AddMention(mention);
            Assert.True(writer.Complete([county]));
        }
        using (var db = new SqliteConnection($"Data Source={good};Mode=ReadOnly;Pooling=False"))
        {
            db.Open();
            using var check = new SqliteCommand("PRAGMA foreign_key_check;", db);
            using var r = check.ExecuteReader();
            Assert.False(r.Read());
        }

        // A mention whose county is not among the counties: Complete refuses, naming the table, and publishes nothing.
        var bad = Path.Combine(_temp.Path, "bad.sqlite");
        using (var writer = new SqliteTableWriter(bad))
        {
            writer.AddDocument(new DocumentRow(county.Key, "a.txt", null, null, null, null, "2023", "txt", new string('0', 64)));
            writer.AddMention(mention);
            var e = Assert.Throws<InvalidOperationException>(() => writer.Complete([]));
            Assert.Contains("references a missing row of counties", e.Message);
        }
        Assert.False(File.Exists(bad));
    }
}
