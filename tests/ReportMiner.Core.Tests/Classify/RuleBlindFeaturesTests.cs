using ReportMiner.Classify;
using ReportMiner.Extract;

namespace ReportMiner.Core.Tests.Classify;

/// <summary>
/// The indicator head never sees the rules' verdict (issue 14): a candidate's features are the
/// same whichever indicator the rules chose for it and whatever rejection they gave, so the
/// model cannot learn to copy rules that look better on their own training reports than elsewhere.
/// </summary>
public class RuleBlindFeaturesTests
{
    [Fact]
    public void Features_do_not_change_with_the_rules_indicator_or_rejection()
    {
        var words = SharedPipeline.Config.Extraction.Features;
        var finder = new ProposalFinder(SharedPipeline.Config.Extraction);
        int compared = 0, proposals = 0;
        foreach (var d in LabelledCorpus.All.Take(12))
        {
            var text = d.Result.Normalized.Text;
            var lower = ReportMiner.Language.LatinCase.LowerAscii(text);
            foreach (var e in d.Examples)
            {
                var c = e.Candidate;
                var report = d.Result.Reports.First(r => r.Candidates.Contains(c)).Report;
                // The same figure as if the rules had decided the other way.
                var flipped = c.Indicator is null
                    ? c with { Indicator = c.NearestIndicator, Rejection = null }
                    : c with { Indicator = null, Rejection = new Rejection(RejectionReason.Exclude, "x") };
                var a = MentionFeatures.Build(text, report, c, LabelledCorpus.Tokenizer, words, keepText: false).Features;
                var b = MentionFeatures.Build(text, report, flipped, LabelledCorpus.Tokenizer, words, keepText: false).Features;
                Assert.Equal(a.GetIndices().ToArray(), b.GetIndices().ToArray());
                Assert.Equal(a.GetValues().ToArray(), b.GetValues().ToArray());
                var hits = finder.Hits(lower, c.SentenceStart, c.SentenceEnd);
                foreach (var p in finder.Propose(c, hits))
                {
                    var pa = PairFeatures.Extra(text, c, p, words);
                    var pb = PairFeatures.Extra(text, flipped, p, words);
                    Assert.Equal(pa.GetIndices().ToArray(), pb.GetIndices().ToArray());
                    proposals++;
                }
                compared++;
            }
        }
        Assert.True(compared > 50 && proposals > 50, $"{compared} candidates, {proposals} proposals compared");
    }
}
