using ReportMiner.Classify;
using ReportMiner.Core.Tests.Classify;
using ReportMiner.Extract;
using ReportMiner.Training;

namespace ReportMiner.Core.Tests.Training;

public class EarlierVerdictsTests
{
    private static readonly ProposalFinder Finder = new(SharedPipeline.Config.Extraction);

    /// <summary>A document with at least two figures the rules gave an indicator, and those two.</summary>
    private static (TrainingDocument Doc, Candidate First, Candidate Second) TwoRuleMentions()
    {
        var doc = LabelledCorpus.All.First(d => d.Examples.Count(e => e.Candidate.Indicator is not null) >= 2);
        var chosen = doc.Examples.Select(e => e.Candidate).Where(c => c.Indicator is not null).Take(2).ToList();
        return (doc, chosen[0], chosen[1]);
    }

    private static string Raw(TrainingDocument doc, Candidate c) => doc.Result.Normalized.Text[c.Quantity.Start..c.Quantity.End];

    [Fact]
    public void A_candidate_takes_the_earlier_verdict_of_its_figure_and_none_without_one()
    {
        var (doc, first, second) = TwoRuleMentions();
        var other = SharedPipeline.Config.Extraction.Indicators.Select(i => i.Id).First(id => id != first.Indicator);
        // The earlier text was laid out a little differently: the figure stood 37 characters later.
        var verdicts = new List<EarlierVerdict> { new(other, MentionStatus.Target, first.Quantity.Value, Raw(doc, first), first.Quantity.Start + 37) };
        var applied = EarlierVerdicts.Apply(doc, verdicts, Finder, LabelledCorpus.Tokenizer, SharedPipeline.Config.Extraction.Features, out int matched);

        Assert.Equal(1, matched);
        var earlier = applied.EarlierReports!.SelectMany(r => r.Candidates).ToList();
        Assert.Equal(doc.Result.Reports.Sum(r => r.Candidates.Count), earlier.Count);
        var firstEarlier = earlier.Single(c => c.Quantity.Start == first.Quantity.Start);
        Assert.Equal((other, MentionStatus.Target), (firstEarlier.Indicator, firstEarlier.Status));
        Assert.Null(earlier.Single(c => c.Quantity.Start == second.Quantity.Start).Indicator);

        // Training rows are those of the earlier verdicts; labels stay gold's; the rules' own result stays today's.
        var report = doc.Result.Reports.First(r => r.Candidates.Contains(first)).Report;
        var example = applied.Examples.Single(e => ReferenceEquals(e.Candidate, first));
        var expected = MentionFeatures.Build(doc.Result.Normalized.Text, report, firstEarlier, LabelledCorpus.Tokenizer, SharedPipeline.Config.Extraction.Features);
        Assert.Equal(expected.Features.GetIndices().ToArray(), example.Features.Features.GetIndices().ToArray());
        Assert.Equal(doc.Examples.Single(e => ReferenceEquals(e.Candidate, first)).Label, example.Label);
        Assert.Same(doc.Result, applied.Result);
        Assert.Equal(doc.Examples.Count, applied.Examples.Count);
    }

    [Fact]
    public void A_verdict_too_far_from_the_figure_or_with_another_raw_text_finds_nothing()
    {
        var (doc, first, _) = TwoRuleMentions();
        var verdicts = new List<EarlierVerdict>
        {
            new(first.Indicator!, first.Status, first.Quantity.Value, Raw(doc, first), first.Quantity.Start + EarlierVerdicts.MaxDrift + 1),
            new(first.Indicator!, first.Status, first.Quantity.Value, Raw(doc, first) + "0", first.Quantity.Start),
        };
        var applied = EarlierVerdicts.Apply(doc, verdicts, Finder, LabelledCorpus.Tokenizer, SharedPipeline.Config.Extraction.Features, out int matched);
        Assert.Equal(0, matched);
        Assert.All(applied.EarlierReports!.SelectMany(r => r.Candidates), c => Assert.Null(c.Indicator));
    }

    [Fact]
    public void Reading_a_broken_line_names_the_file_and_line()
    {
        using var dir = new TempFolder("verdicts");
        Directory.CreateDirectory(dir.Path);
        var path = dir.Combine("v.jsonl");
        File.WriteAllText(path, "{\"document\":\"a.txt\",\"indicator\":\"x\",\"status\":\"target\",\"value\":3,\"raw\":\"3家\",\"span\":[5,7]}\n{\"document\":\"a.txt\"}\n");
        var problems = new List<string>();
        Assert.Null(EarlierVerdicts.Read(path, problems));
        Assert.StartsWith(path + ":2: not a verdicts line", Assert.Single(problems));

        File.WriteAllText(path, "{\"document\":\"dir/a.txt\",\"indicator\":\"x\",\"status\":\"target\",\"value\":3,\"raw\":\"3家\",\"span\":[5,7]}\n\n");
        var read = EarlierVerdicts.Read(path, problems = [])!;
        Assert.Empty(problems);
        Assert.Equal(new EarlierVerdict("x", MentionStatus.Target, 3, "3家", 5), Assert.Single(Assert.Single(read).Value));
    }
}
