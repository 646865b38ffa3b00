using ReportMiner.Classify;
using ReportMiner.Core.Tests.Classify;
using ReportMiner.Extract;

namespace ReportMiner.Core.Tests.Classify;

/// <summary>
/// The rules' verdict reaches the model only through a candidate's indicator and status, so an
/// earlier version's verdicts (<see cref="ReportMiner.Training.EarlierVerdicts"/>) can stand in for
/// today's: nothing the rules set only when they accept a figure (trigger, qualifier, direction,
/// rejection) may change the features.
/// </summary>
public class VerdictFeaturesTests
{
    [Fact]
    public void Features_change_with_the_rules_indicator_but_not_with_what_they_read_when_accepting()
    {
        var words = SharedPipeline.Config.Extraction.Features;
        var finder = new ProposalFinder(SharedPipeline.Config.Extraction);
        int compared = 0, changed = 0;
        foreach (var d in LabelledCorpus.All.Take(12))
        {
            var text = d.Result.Normalized.Text;
            var lower = ReportMiner.Language.LatinCase.LowerAscii(text);
            foreach (var e in d.Examples)
            {
                var c = e.Candidate;
                var report = d.Result.Reports.First(r => r.Candidates.Contains(c)).Report;
                var reread = c with
                {
                    Trigger = c.Trigger is null ? "x" : null,
                    Qualifier = c.Qualifier is null ? "new" : null,
                    TriggerAfter = !c.TriggerAfter,
                    Rejection = c.Rejection is null ? new Rejection(RejectionReason.Exclude, "x") : null,
                };
                var a = MentionFeatures.Build(text, report, c, LabelledCorpus.Tokenizer, words, keepText: false).Features;
                var b = MentionFeatures.Build(text, report, reread, LabelledCorpus.Tokenizer, words, keepText: false).Features;
                Assert.Equal(a.GetIndices().ToArray(), b.GetIndices().ToArray());
                Assert.Equal(a.GetValues().ToArray(), b.GetValues().ToArray());
                foreach (var p in finder.Propose(c, finder.Hits(lower, c.SentenceStart, c.SentenceEnd)))
                    Assert.Equal(PairFeatures.Extra(text, c, p, words).GetIndices().ToArray(), PairFeatures.Extra(text, reread, p, words).GetIndices().ToArray());
                // The verdict itself is a feature.
                var flipped = c with { Indicator = c.Indicator is null ? c.NearestIndicator : null };
                var f = MentionFeatures.Build(text, report, flipped, LabelledCorpus.Tokenizer, words, keepText: false).Features;
                if (!f.GetIndices().ToArray().SequenceEqual(a.GetIndices().ToArray())) changed++;
                compared++;
            }
        }
        Assert.True(compared > 50, $"{compared} candidates compared");
        Assert.Equal(compared, changed);
    }
}
