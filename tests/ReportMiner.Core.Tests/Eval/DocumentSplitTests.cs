using ReportMiner.Eval;

namespace ReportMiner.Core.Tests.Eval;

/// <summary>A split list names documents by key; comments and blank lines are ignored.</summary>
public class DocumentSplitTests
{
    [Fact]
    public void Keys_comments_and_paths_are_read()
    {
        var split = DocumentSplit.Parse("# sealed\nw042\n\n  web/w045.txt  # a path reduces to its key\n");
        Assert.Equal(2, split.Count);
        Assert.True(split.Contains("w042"));
        Assert.True(split.Contains("corpus/web/w045.txt"));
        Assert.False(split.Contains("w043"));
    }

    [Fact]
    public void Only_and_exclude_combine()
    {
        var only = DocumentSplit.Parse("a\nb\n");
        var exclude = DocumentSplit.Parse("b\n");
        Assert.True(DocumentSplit.Keeps("a", only, exclude));
        Assert.False(DocumentSplit.Keeps("b", only, exclude));
        Assert.False(DocumentSplit.Keeps("c", only, null));
        Assert.True(DocumentSplit.Keeps("c", null, exclude));
    }

    [Fact]
    public void Summary_names_no_document()
    {
        var gold = new List<ScoredMention> { new("doc1", "tech_envoys", "actual", 20, null, null, null), new("doc2", "tech_envoys", "target", 30, null, null, null) };
        var pred = new List<ScoredMention> { new("doc1", "tech_envoys", "actual", 20, null, null, null), new("doc2", "tech_envoys", "actual", 30, null, null, null) };
        var result = Scorer.Score(gold, pred, new HashSet<string> { "doc1", "doc2" }, new HashSet<string> { "tech_envoys" });
        var text = Scorer.Format(result, summary: true);
        Assert.DoesNotContain("doc", text);
        Assert.Contains("status accuracy 0.500 (1/2", text);
    }
}
