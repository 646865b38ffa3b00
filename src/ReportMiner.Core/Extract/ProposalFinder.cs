
namespace ReportMiner.Extract;

/// <summary>An indicator proposed for a figure: its spec and its nearest trigger in the sentence (null if only the rules named it).</summary>
/// <param name="TriggerBetween">Another indicator's trigger stands between this one and the figure.</param>
public sealed record Proposal(IndicatorSpec Spec, TriggerHit? Hit, bool TriggerBetween);

/// <summary>
/// Proposes indicators for a figure: every indicator whose trigger stands in the figure's
/// sentence and whose unit fits the figure, plus the rules' own choice. Thread-safe.
/// </summary>
public sealed class ProposalFinder
{
    private readonly TriggerMatcher _matcher;
    private readonly IndicatorSpec[] _specs;   // in taxonomy order

    public ProposalFinder(ExtractionOptions extraction)
        : this(new TriggerMatcher(extraction.Indicators.Select((r, i) => new IndicatorSpec(r, i)).ToArray()))
    {
    }

    /// <summary>Proposes from an existing matcher (the rules' own: its trigger regexes are compiled once).</summary>
    public ProposalFinder(TriggerMatcher matcher)
    {
        _matcher = matcher;
        // Ids are unique (ToDictionary throws otherwise); ordered once here rather than per figure.
        _specs = matcher.Specs.ToDictionary(s => s.Id, StringComparer.Ordinal).Values.OrderBy(s => s.Order).ToArray();
    }

    /// <summary>Triggers of one sentence (pass the result to <see cref="Propose"/> for each of its figures).</summary>
    public List<TriggerHit> Hits(string lower, int sentenceStart, int sentenceEnd) => _matcher.Find(lower, sentenceStart, sentenceEnd, null);

    /// <summary>The proposals for <paramref name="c"/>, in taxonomy order.</summary>
    public List<Proposal> Propose(Candidate c, List<TriggerHit> hits)
    {
        var q = c.Quantity;
        var result = new List<Proposal>();
        foreach (var spec in _specs)
        {
            if (!spec.Accepts(q) && spec.Id != c.Indicator) continue;
            TriggerHit? best = null;
            int bestDistance = int.MaxValue;
            foreach (var h in hits)
            {
                if (h.Indicator.Id != spec.Id) continue;
                int d = h.End <= q.Start ? q.Start - h.End : h.Start >= q.End ? h.Start - q.End + 1 : int.MaxValue;
                if (d < bestDistance) { best = h; bestDistance = d; }
            }
            if (best is null && spec.Id != c.Indicator) continue;
            bool between = false;
            if (best is TriggerHit b)
            {
                int lo = b.End <= q.Start ? b.End : q.End, hi = b.End <= q.Start ? q.Start : b.Start;
                foreach (var h in hits) between |= h.Indicator.Id != spec.Id && h.Start >= lo && h.End <= hi;
            }
            result.Add(new Proposal(spec, best, between));
        }
        return result;
    }
}
