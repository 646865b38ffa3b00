using ReportMiner.County;
using ReportMiner.Extract;
using ReportMiner.Output;

namespace ReportMiner.Core.Tests.Output;

/// <summary>County files copied together from the spool's rendered elements are the bytes the object writer gives, whether the spool went to disk or not.</summary>
public sealed class CountySpoolTests : IDisposable
{
    private readonly TempFolder _temp = new("rm-spool");
    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static Mention Mention(string doc, int at, double value) => new()
    {
        Indicator = "high_tech_enterprises", Value = value, Unit = "count", Raw = $"{value}家", Status = at % 2 == 0 ? "actual" : "target",
        Document = doc, Sentence = $"全县高新技术企业达到{value}家，\"引号\"与\\反斜杠。", SpanStart = at, SpanEnd = at + 3, Confidence = 0.91234567,
    };

    [Theory]
    [InlineData(1L << 20, 40)]    // everything stays in memory
    [InlineData(64L, 40)]         // flushed to the spool files after nearly every report
    [InlineData(1L << 30, 1200)]  // in memory, in buffers grown many times over
    [InlineData(200_000L, 1200)]  // flushed now and then, from buffers of every size
    public void Spooled_county_files_equal_the_in_memory_ones(long budget, int documents)
    {
        var xianju = new CountyRef("仙居县", "仙居县", "331024", "浙江省", "台州市");
        var other = new CountyRef("unknown-ab12", null) { Candidates = ["新华区", "新华县"] };
        // Only reports without figures: its file has an empty indicators array.
        var quiet = new CountyRef("a-quiet", "无为市");
        var expected = new Dictionary<string, (CountyRef County, List<(CountyDocument Doc, List<Mention> Mentions)> Entries)>();
        using (var spool = new CountySpool(Path.Combine(Dir, ".spool"), budget))
        {
            for (int d = 0; d < documents; d++)
            {
                var county = d is 4 or 8 ? quiet : d % 3 == 0 ? other : xianju;
                var doc = new CountyDocument($"doc{d:D3}.txt", d % 5 == 0 ? 2 : null, d % 2 == 0 ? "工作总结" : null, "科技局", "2024-01-02", "2023", "txt", new string('a', 64));
                var mentions = Enumerable.Range(0, d % 4).Select(k => Mention(doc.Id, 10 * k + d, d * 10 + k + 0.5)).ToList();
                spool.Add(county, doc, mentions);
                if (!expected.TryGetValue(county.Key, out var slot)) expected[county.Key] = slot = (county, []);
                slot.Entries.Add((doc, mentions));
            }
            Assert.Equal(["a-quiet", "unknown-ab12", "仙居县"], spool.WriteCountyFiles(Path.Combine(Dir, "counties")));
        }
        Assert.False(Directory.Exists(Path.Combine(Dir, ".spool")));
        foreach (var (key, slot) in expected)
        {
            using var memory = new MemoryStream();
            CountyFileWriter.Write(memory, slot.County, slot.Entries.Select(e => e.Doc), slot.Entries.SelectMany(e => e.Mentions));
            Assert.Equal(memory.ToArray(), File.ReadAllBytes(Path.Combine(Dir, "counties", key + ".json")));
        }
    }
}
