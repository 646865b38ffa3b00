using System.Text.Json.Nodes;
using ReportMiner.Eval;
using ReportMiner.Review;

namespace ReportMiner.Core.Tests.Review;

/// <summary>Gold files as review --apply reads and writes them, and the gold's reading of raw.</summary>
public class GoldFileTests
{
    /// <summary>The sample corpus's gold and the first web files (never the sealed split).</summary>
    public static TheoryData<string> GoldFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestPaths.Corpus("gold"), "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        foreach (var n in new[] { "w001", "w002", "w003", "w010", "w020" }) data.Add("web/" + n + ".json");
        return data;
    }

    [Theory]
    [MemberData(nameof(GoldFiles))]
    public void Writing_a_gold_file_read_back_gives_its_bytes(string name)
    {
        var text = File.ReadAllText(TestPaths.Corpus(Path.Combine("gold", name)));
        Assert.Equal(text, GoldFile.Serialize(GoldFile.Parse(text)));
    }

    [Theory]
    [InlineData("4.61亿元", "CNY", "461000000")]
    [InlineData("1533.7万元", "CNY", "15337000")]
    [InlineData("200多万元", "CNY", "2000000")]
    [InlineData("四十余人", "persons", "40")]
    [InlineData("两家", "count", "2")]
    [InlineData("3.78%", "percent", "3.78")]
    [InlineData("2.39", "percent", "2.39")]
    [InlineData("１２家", "count", "12")]
    [InlineData("0.6\n亿元", "CNY", "60000000")]
    public void Value_follows_from_raw(string raw, string unit, string expected)
    {
        var (value, problem) = GoldRaw.ValueFor(raw, unit);
        Assert.Null(problem);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("520人", "count", "does not fit unit count")]
    [InlineData("xx家", "count", "masked")]
    [InlineData("亿元", "CNY", "no number")]
    [InlineData("1.5家", "count", "not a whole number")]
    public void Raw_that_gives_no_gold_value_says_why(string raw, string unit, string why)
    {
        var (value, problem) = GoldRaw.ValueFor(raw, unit);
        Assert.Null(value);
        Assert.Contains(why, problem);
    }

    [Fact]
    public void Approximation_and_bound_come_from_the_words_in_raw()
    {
        Assert.True(GoldRaw.Approximate("200万元以上"));
        Assert.Equal("min", GoldRaw.Bound("突破200亿元"));
        Assert.Equal("max", GoldRaw.Bound("不超过5%"));
        Assert.False(GoldRaw.Approximate("12家"));
        Assert.Null(GoldRaw.Bound("12家"));
    }

    private static JsonObject Mention(string raw, int offset, string indicator = "tech_envoys", long value = 36)
        => new() { ["indicator"] = indicator, ["value"] = value, ["unit"] = "persons", ["status"] = "actual", ["approximate"] = false, ["period"] = "2020", ["raw"] = raw, ["offset"] = offset };

    [Fact]
    public void Merge_replaces_the_judgement_of_a_figure_keeps_order_and_is_idempotent()
    {
        const string text = "选派科技特派员36名,服务农户520人。\n第二行36名。\n";
        var gold = GoldFile.Parse("""{"document": "a.txt", "reports": [{"part": "whole", "county": null, "lines": [1, 3], "mentions": []}]}""");
        var edits = new List<GoldEdit>
        {
            new(15, "520人", new JsonObject { ["raw"] = "520人", ["offset"] = 15 }, true, "row 3"),
            new(7, "36名", Mention("36名", 7), false, "row 2"),
        };
        var counts = GoldFile.Merge(gold, edits, text, []);
        Assert.Equal(new MergeCounts(1, 0, 0, 0, 1), counts);
        var once = GoldFile.Serialize(gold);
        Assert.Equal(new MergeCounts(0, 0, 2, 0, 0), GoldFile.Merge(gold, edits, text, []));
        Assert.Equal(once, GoldFile.Serialize(gold));

        // A later judgement of the same figure replaces the earlier one; a repeat of a figure is kept once, at its first occurrence.
        var report = gold["reports"]![0]!;
        GoldFile.Merge(gold, [new GoldEdit(15, "520人", Mention("520人", 15, value: 520), false, "row 4")], text, []);
        Assert.Empty(report["negatives"]!.AsArray());
        Assert.Equal(2, report["mentions"]!.AsArray().Count);
        var repeat = GoldFile.Merge(gold, [new GoldEdit(24, "36名", Mention("36名", 24), false, "row 5")], text, []);
        Assert.Equal(1, repeat.Repeats);
        Assert.Equal([7, 15], report["mentions"]!.AsArray().Select(m => m!["offset"]!.GetValue<int>()));
    }

    [Fact]
    public void Merge_keeps_the_note_and_scope_of_an_earlier_judgement_of_the_same_figure()
    {
        const string text = "选派科技特派员36名。\n";
        var earlier = Mention("36名", 7);
        earlier.Remove("raw");
        earlier.Remove("offset");
        earlier["scope"] = "法人科技特派员";
        earlier["raw"] = "36名";
        earlier["offset"] = 7;
        earlier["note"] = "annotated by hand";
        var gold = new JsonObject
        {
            ["document"] = "a.txt",
            ["reports"] = new JsonArray(new JsonObject { ["part"] = "whole", ["county"] = null, ["mentions"] = new JsonArray(earlier) }),
        };
        var counts = GoldFile.Merge(gold, [new GoldEdit(7, "36名", Mention("36名", 7), false, "row 2")], text, []);
        Assert.Equal(new MergeCounts(0, 0, 1, 0, 0), counts);
        var kept = gold["reports"]![0]!["mentions"]![0]!;
        Assert.Equal("annotated by hand", kept["note"]!.GetValue<string>());
        Assert.Equal(["indicator", "value", "unit", "status", "approximate", "period", "scope", "raw", "offset", "note"], kept.AsObject().Select(p => p.Key));
    }
}
