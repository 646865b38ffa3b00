using System.Text.Json;
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
    private readonly FeatureWordOptions _words;
    private readonly ITokenizer _tokenizer;
    private readonly LinearHead _indicator;
    private readonly LinearHead _status;

    /// <param name="model">The trained heads.</param>
    /// <param name="extraction">The taxonomy (triggers and units to propose from).</param>
    /// <param name="tokenizer">The word segmenter the model was trained with (the pipeline's).</param>
    /// <param name="fingerprint">Identifies the model file.</param>
    public MlMentionClassifier(ClassifierModel model, ExtractionOptions extraction, ITokenizer tokenizer, string fingerprint)
        : this(model, new ProposalFinder(extraction), extraction.Features, tokenizer, fingerprint)
    {
    }

    /// <param name="model">The trained heads.</param>
    /// <param name="finder">Proposes indicators (built on the rules' trigger matcher).</param>
    /// <param name="words">Cue and title words the features look for (<c>extraction.features</c>, as at training).</param>
    /// <param name="tokenizer">The word segmenter the model was trained with (the pipeline's).</param>
    /// <param name="fingerprint">Identifies the model file.</param>
    public MlMentionClassifier(ClassifierModel model, ProposalFinder finder, FeatureWordOptions words, ITokenizer tokenizer, string fingerprint)
    {
        _words = words;
        _tokenizer = tokenizer;
        _model = model;
        Fingerprint = fingerprint;
        _finder = finder;
        _indicator = model.IndicatorHead;
        _status = model.StatusHead;
    }

    /// <summary>Loads <paramref name="path"/> (a model written by <c>reportminer train</c>).</summary>
    /// <exception cref="InvalidDataException">The file is not a model this build can use; the message names it and says what to do.</exception>
    public static MlMentionClassifier Load(string path, ExtractionOptions extraction, ITokenizer tokenizer)
        => Load(path, new ProposalFinder(extraction), extraction.Features, tokenizer);

    /// <summary>Loads <paramref name="path"/>, proposing with <paramref name="finder"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a model this build can use; the message names it and says what to do.</exception>
    public static MlMentionClassifier Load(string path, ProposalFinder finder, FeatureWordOptions words, ITokenizer tokenizer)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            return new MlMentionClassifier(ClassifierModel.FromBytes(bytes), finder, words, tokenizer, ClassifierModel.Fingerprint(bytes));
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or KeyNotFoundException or EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: not a usable classifier model ({ex.Message}); retrain it with 'make train' or set classifier.enabled: false", ex);
        }
    }

    public string Fingerprint { get; }

    /// <summary>
    /// Decides every candidate. Only what the decision needs is scored: when the thresholds never
    /// let the model name a figure the rules did not (recover threshold above 1), figures without
    /// a rule indicator stay as they are and only the rules' own proposal is scored. The result
    /// equals <see cref="Apply"/> over <see cref="Score"/> for every mention.
    /// </summary>
    public IReadOnlyList<Candidate> Decide(string text, Report report, IReadOnlyList<Candidate> candidates)
    {
        var options = _model.Options;
        bool canRecover = options.RecoverThreshold <= 1;
        var result = new List<Candidate>(candidates.Count);
        var state = new SentenceState(text);
        foreach (var c in candidates)
        {
            if (!IsEligible(c) || (c.Indicator is null && !canRecover)) { result.Add(c); continue; }
            result.Add(Apply(c, ScoreOne(state, report, c, onlyRule: !canRecover, lazy: true), options));
        }
        return result;
    }

    /// <summary>The candidates the classifier decides on: unmasked figures with a trigger in their sentence.</summary>
    public static bool IsEligible(Candidate c) => !c.Quantity.Masked && (c.Indicator is not null || c.NearestIndicator is not null);

    /// <summary>The model's probabilities for each candidate (null where it is not eligible).</summary>
    public IReadOnlyList<CandidateScores?> Score(string text, Report report, IReadOnlyList<Candidate> candidates)
    {
        var state = new SentenceState(text);
        var result = new List<CandidateScores?>(candidates.Count);
        foreach (var c in candidates)
            result.Add(IsEligible(c) ? ScoreOne(state, report, c, onlyRule: false) : null);
        return result;
    }

    /// <summary>The lower-cased text and the triggers of the sentence last looked at.</summary>
    private sealed class SentenceState(string text)
    {
        public string Text { get; } = text;
        private string? _lower;
        private List<TriggerHit> _hits = [];
        private int _sentence = -1;

        public List<TriggerHit> Hits(ProposalFinder finder, Candidate c)
        {
            if (_sentence == c.SentenceStart) return _hits;
            // The same lower-cased copy the rules matched triggers on (LatinCase caches it per thread).
            _lower ??= ReportMiner.Language.LatinCase.LowerAscii(Text);
            _sentence = c.SentenceStart;
            return _hits = finder.Hits(_lower, c.SentenceStart, c.SentenceEnd);
        }
    }

    /// <param name="lazy">
    /// For <see cref="Decide"/>: a figure the rules left without an indicator and for which nothing
    /// is proposed keeps none whatever the heads say (<see cref="Apply"/> reads P(target) only for a
    /// figure given an indicator), so its features are not built and its P(target) is NaN.
    /// </param>
    private CandidateScores ScoreOne(SentenceState state, Report report, Candidate c, bool onlyRule, bool lazy = false)
    {
        var text = state.Text;
        var found = _finder.Propose(c, state.Hits(_finder, c));
        if (lazy && c.Indicator is null && found.Count == 0) return new CandidateScores([], double.NaN);
        var row = MentionFeatures.Build(text, report, c, _tokenizer, _words, keepText: false);
        var proposals = new List<(string, double)>();
        double baseScore = double.NaN;
        foreach (var p in found)
        {
            if (onlyRule && p.Spec.Id != c.Indicator) continue;
            if (double.IsNaN(baseScore)) baseScore = _indicator.Score(row.Features);
            proposals.Add((p.Spec.Id, _indicator.Probability(baseScore + _indicator.Dot(PairFeatures.Extra(text, c, p, _words)))));
        }
        return new CandidateScores(proposals, _status.Probability(_status.Score(row.Features)));
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

        var status = c.Status;
        double pStatus = 1;
        if (indicator is not null)
        {
            double pTarget = scores.TargetProbability;
            double pOther = c.Status == MentionStatus.Target ? 1 - pTarget : pTarget;
            if (pOther >= options.StatusThreshold) status = c.Status.Flipped();
            pStatus = status == MentionStatus.Target ? pTarget : 1 - pTarget;
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
