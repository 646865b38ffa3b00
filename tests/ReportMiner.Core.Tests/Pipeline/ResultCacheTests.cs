using System.Text;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Pipeline;

/// <summary>The batch cache's log: entries survive a reopen, a torn tail is cut, stale entries go once they dominate.</summary>
public sealed class ResultCacheTests : IDisposable
{
    private readonly TempFolder _temp = new("rm-cache");
    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Entries_survive_a_reopen_and_a_key_keeps_its_first_entry()
    {
        using (var cache = ResultCache.Open(Dir))
        {
            Assert.Null(cache.TryGet("a"));
            cache.Add("a", Bytes("{\"v\":1}"));
            cache.Add("b", Bytes("{\"v\":2}"));
            cache.Add("a", Bytes("{\"v\":3}"));
            Assert.Equal("{\"v\":1}", Encoding.UTF8.GetString(cache.TryGet("a")!));
            Assert.False(cache.Close());
        }
        using var reopened = ResultCache.Open(Dir);
        Assert.Equal(2, reopened.Count);
        Assert.Equal("{\"v\":2}", Encoding.UTF8.GetString(reopened.TryGet("b")!));
    }

    [Fact]
    public void A_torn_last_record_is_cut_off_and_the_rest_is_kept()
    {
        using (var cache = ResultCache.Open(Dir))
        {
            cache.Add("whole", Bytes("{\"v\":1}"));
            cache.Add("torn", Bytes("{\"v\":22222222}"));
            cache.Close();
        }
        var log = Path.Combine(Dir, ResultCache.FileName);
        var length = new FileInfo(log).Length;
        using (var fs = new FileStream(log, FileMode.Open)) fs.SetLength(length - 3);   // killed mid-append

        using (var cache = ResultCache.Open(Dir))
        {
            Assert.Equal(1, cache.Count);
            Assert.Null(cache.TryGet("torn"));
            cache.Add("next", Bytes("{}"));
            Assert.Equal("{}", Encoding.UTF8.GetString(cache.TryGet("next")!));
            cache.MarkUsed("whole");
            cache.Close();
        }
        using var again = ResultCache.Open(Dir);
        Assert.Equal(2, again.Count);
    }

    [Fact]
    public void Garbage_instead_of_a_log_is_an_empty_cache()
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllBytes(Path.Combine(Dir, ResultCache.FileName), Bytes("not a cache log at all"));
        using var cache = ResultCache.Open(Dir);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Unused_entries_are_dropped_when_they_are_most_of_the_log()
    {
        SeedEarlierRun("a", "b", "c");
        using (var cache = ResultCache.Open(Dir))
        {
            cache.MarkUsed("a");
            cache.MarkUsed("b");
            Assert.False(cache.Close());   // 2 of 3 used: kept as it is
        }
        using (var cache = ResultCache.Open(Dir))
        {
            Assert.Equal(3, cache.Count);
            cache.MarkUsed("c");
            Assert.True(cache.Close());    // 1 of 3 used: rewritten
        }
        using var compacted = ResultCache.Open(Dir);
        Assert.Equal(1, compacted.Count);
        Assert.NotNull(compacted.TryGet("c"));
        Assert.Empty(Directory.GetFiles(Dir, "*.tmp"));
    }

    [Fact]
    public void A_compaction_keeps_the_entries_appended_in_the_same_run()
    {
        SeedEarlierRun("a", "b", "c");
        using (var cache = ResultCache.Open(Dir))
        {
            // Appends are buffered: the copy into the compacted log must still see this one.
            cache.Add("d", Bytes("{\"new\":\"d\"}"));
            Assert.True(cache.Close());
        }
        using var compacted = ResultCache.Open(Dir);
        Assert.Equal(1, compacted.Count);
        Assert.Equal("{\"new\":\"d\"}", Encoding.UTF8.GetString(compacted.TryGet("d")!));
    }

    /// <summary>A log left by an earlier run: one entry per key, all used by that run.</summary>
    private void SeedEarlierRun(params string[] keys)
    {
        using var cache = ResultCache.Open(Dir);
        foreach (var k in keys) cache.Add(k, Bytes("{\"old\":\"" + k + "\"}"));
        cache.Close();
    }
}
