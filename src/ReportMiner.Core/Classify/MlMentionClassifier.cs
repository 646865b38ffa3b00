using ReportMiner.Config;
using ReportMiner.Extract;
using ReportMiner.Segment;
using ReportMiner.Structure;

namespace ReportMiner.Classify;

/// <summary>The model's reading of one candidate: a probability per proposed indicator, and P(target).</summary>
public sealed record CandidateScores(IReadOnlyList<(string Indicator, double Probability)> Proposals, double TargetProbability);


/// <summary>
/// Rules propose, the model decides. For each eligible candidate (an unmasked figure with a
/// trigger in its sentence) every indicator whose trigger stands in the sentence and whose
/// unit fits is proposed, and the indicator head scores each proposal. The rules' indicator
/// is kept while its probability reaches the keep threshold, else vetoed; another proposal
/// replaces it (or names a figure the rules rejected) when its probability reaches the
/// recover threshold and beats the rules' choice. The status head may overrule the rules'
/// actual/target. Decided candidates carry method <c>rule+ml</c> and the model's probability
/// as confidence. Thread-safe: the heads are read-only weight arrays.
/// </summary>
public sealed class MlMentionClassifier : IMentionClassifier
{
    private readonly ClassifierModel _model;
    private readonly ProposalFinder _finder;
    private readonly ITokenizer _tokenizer;
    private readonly LinearHead _indicator;
    private readonly LinearHead _status;

    /// <param name="model">The trained heads.</param>
    /// <param name="extraction">The taxonomy (triggers and units to propose from).</param>
    /// <param name="tokenizer">The word segmenter the model was trained with (the pipeline's).</param>
    /// <param name="fingerprint">Identifies the model file.</param>
    public MlMentionClassifier(ClassifierModel model, ExtractionSection extraction, ITokenizer tokenizer, string fingerprint)
    {
        _tokenizer = tokenizer;
        _model = model;
        Fingerprint = fingerprint;
        _finder = new ProposalFinder(extraction);
        _indicator = model.IndicatorHead;
        _status = model.StatusHead;
    }

    /// <summary>Loads <paramref name="path"/> (a model written by <c>reportminer train</c>).</summary>
    public static MlMentionClassifier Load(string path, ExtractionSection extraction, ITokenizer tokenizer)
    {
        var bytes = File.ReadAllBytes(path);
        return new MlMentionClassifier(ClassifierModel.FromBytes(bytes), extraction, tokenizer, ClassifierModel.Fingerprint(bytes));
    }

    public string Fingerprint { get; }

    public IReadOnlyList<Candidate> Decide(string text, Report report, IReadOnlyList<Candidate> candidates)
    {
        var scores = Score(text, report, candidates);
        var result = new List<Candidate>(candidates.Count);
        for (int i = 0; i < candidates.Count; i++)
            result.Add(scores[i] is { } s ? Apply(candidates[i], s, _model.Options) : candidates[i]);
        return result;
    }

    /// <summary>The model's probabilities for each candidate (null where it is not eligible).</summary>
    public IReadOnlyList<CandidateScores?> Score(string text, Report report, IReadOnlyList<Candidate> candidates)
    {
        string? lower = null;
        List<TriggerHit>? hits = null;
        int hitsFor = -1;
        var result = new List<CandidateScores?>(candidates.Count);
        foreach (var c in candidates)
        {
            if (!TrainingSet.IsEligible(c)) { result.Add(null); continue; }
            lower ??= ProposalFinder.LowerAscii(text);
            if (hitsFor != c.SentenceStart) { hits = _finder.Hits(lower, c.SentenceStart, c.SentenceEnd); hitsFor = c.SentenceStart; }
            var row = MentionFeatures.Build(text, report, c, _tokenizer);
            var proposals = new List<(string, double)>();
            double baseScore = double.NaN;
            foreach (var p in _finder.Propose(c, hits!))
            {
                if (double.IsNaN(baseScore)) baseScore = _indicator.Score(row.Features);
                var extra = MentionFeatures.PairExtra(text, c, p);
                proposals.Add((p.Spec.Id, _indicator.Probability(baseScore + _indicator.Dot(extra))));
            }
            result.Add(new CandidateScores(proposals, _status.Probability(_status.Score(row.Features))));
        }
        return result;
    }

    /// <summary>Decides one candidate from its scores under <paramref name="options"/>' thresholds.</summary>
    public static Candidate Apply(Candidate c, CandidateScores scores, ClassifierOptions options)
    {
        double pRule = 0, pBest = 0;
        string? best = null;
        foreach (var (id, prob) in scores.Proposals)
        {
            if (id == c.Indicator) pRule = prob;
            if (prob > pBest) { pBest = prob; best = id; }
        }
        string? indicator = null;
        double pIndicator;
        if (best is not null && best != c.Indicator && pBest >= options.RecoverThreshold && pBest > pRule) { indicator = best; pIndicator = pBest; }
        else if (c.Indicator is not null && pRule >= options.KeepThreshold) { indicator = c.Indicator; pIndicator = pRule; }
        else pIndicator = 1 - Math.Max(pRule, pBest);

        string status = c.Status;
        double pStatus = 1;
        if (indicator is not null)
        {
            double pTarget = scores.TargetProbability;
            double pOther = c.Status == "target" ? 1 - pTarget : pTarget;
            if (pOther >= options.StatusThreshold) status = c.Status == "target" ? "actual" : "target";
            pStatus = status == "target" ? pTarget : 1 - pTarget;
        }
        return c with
        {
            Indicator = indicator,
            Status = status,
            // A qualifier the rules read for another indicator does not carry over.
            Qualifier = indicator == c.Indicator ? c.Qualifier : null,
            Method = "rule+ml",
            Confidence = Math.Round(pIndicator * pStatus, 4),
        };
    }

}
