using System.Text.RegularExpressions;
using ReportMiner.Numbers;

namespace ReportMiner.Extract;

/// <summary>Where a trigger of an indicator stands in the (lower-cased) text.</summary>
public readonly record struct TriggerHit(int Start, int End, IndicatorSpec Indicator);

/// <summary>An indicator's rule compiled for matching.</summary>
public sealed class IndicatorSpec
{
    public IndicatorSpec(IndicatorRule rule, int order)
    {
        Rule = rule;
        Order = order;
        Unit = IndicatorWords.TryParseUnit(rule.Unit, out var unit) ? unit : throw new ArgumentException($"indicator '{rule.Id}': unknown unit '{rule.Unit}'", nameof(rule));
        Scoring = IndicatorWords.TryParseScoring(rule.Scoring, out var scoring) ? scoring : throw new ArgumentException($"indicator '{rule.Id}': unknown scoring '{rule.Scoring}'", nameof(rule));
        _unitWords = rule.UnitWords.Count == 0 ? null : rule.UnitWords.ToHashSet(StringComparer.Ordinal);
        const RegexOptions opts = RegexOptions.CultureInvariant | RegexOptions.Compiled;
        var alternatives = rule.Triggers.OrderByDescending(t => t.Length).Select(t => Regex.Escape(t.ToLowerInvariant())).Concat(rule.Patterns);
        Trigger = new Regex(string.Join("|", alternatives.Select(a => "(?:" + a + ")")), opts);
        Blockers = rule.Blockers.Count == 0 ? null : new Regex(string.Join("|", rule.Blockers.Select(b => Regex.Escape(b.ToLowerInvariant()))), opts);
        ShortLiterals = rule.Triggers.Where(t => t.Length <= 2).Select(t => t.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        _shortLiterals = ((HashSet<string>)ShortLiterals).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _shortLiterals;

    /// <summary>Whether <paramref name="match"/> is one of <see cref="ShortLiterals"/>.</summary>
    public bool IsShortLiteral(ReadOnlySpan<char> match) => _shortLiterals.Contains(match);

    public IndicatorRule Rule { get; }
    public string Id => Rule.Id;
    /// <summary>Position in pipeline.yaml: earlier wins ties.</summary>
    public int Order { get; }
    public Regex Trigger { get; }
    public Regex? Blockers { get; }
    /// <summary>Triggers short enough to need a word-boundary check.</summary>
    public IReadOnlySet<string> ShortLiterals { get; }

    /// <summary>The unit of the indicator's values.</summary>
    public IndicatorUnit Unit { get; }

    /// <summary>How <c>eval</c> compares the indicator's values.</summary>
    public Scoring Scoring { get; }

    private readonly HashSet<string>? _unitWords;

    /// <summary>
    /// Whether a figure can be a value of the indicator: its kind is the indicator's unit and it
    /// is written with one of <c>unit_words</c> (when listed); a bare number below 100 is a
    /// percent where <c>allow_bare</c> says so.
    /// </summary>
    public bool Accepts(Quantity q) => Unit switch
    {
        IndicatorUnit.Cny => q.Kind == UnitKind.Money && HasUnitWord(q),
        IndicatorUnit.Persons => q.Kind == UnitKind.Persons && HasUnitWord(q),
        IndicatorUnit.Percent => (q.Kind == UnitKind.Percent && HasUnitWord(q)) || (q.Kind == UnitKind.None && Rule.AllowBare && q.Value < 100),
        IndicatorUnit.Count => q.Kind == UnitKind.Count && HasUnitWord(q),
        _ => false,
    };

    private bool HasUnitWord(Quantity q) => _unitWords is null || _unitWords.Contains(q.Unit);
}

/// <summary>Finds all indicators' triggers in a sentence; the longer match wins where two overlap.</summary>
public sealed class TriggerMatcher
{
    private readonly IReadOnlyList<IndicatorSpec> _specs;

    public TriggerMatcher(IReadOnlyList<IndicatorSpec> specs) => _specs = specs;

    public IReadOnlyList<IndicatorSpec> Specs => _specs;

    /// <param name="lower">The normalised text with Latin letters lower-cased.</param>
    /// <param name="start">Sentence start.</param>
    /// <param name="end">Sentence end.</param>
    /// <param name="isWordStart">Word-boundary test for short triggers, or null to skip it.</param>
    public List<TriggerHit> Find(string lower, int start, int end, Func<int, bool>? isWordStart)
    {
        var raw = Unfiltered(lower, start, end);
        var hits = new List<TriggerHit>(raw.Length);
        foreach (var h in raw)
        {
            if (isWordStart is not null && h.Indicator.IsShortLiteral(lower.AsSpan(h.Start, h.End - h.Start)) && !(isWordStart(h.Start) && isWordStart(h.End))) continue;
            hits.Add(h);
        }
        // Longest first, then earliest, then pipeline order; drop any hit overlapping a kept one.
        hits.Sort((a, b) =>
        {
            int c = (b.End - b.Start).CompareTo(a.End - a.Start);
            if (c != 0) return c;
            c = a.Start.CompareTo(b.Start);
            return c != 0 ? c : a.Indicator.Order.CompareTo(b.Indicator.Order);
        });
        var kept = new List<TriggerHit>();
        foreach (var h in hits)
            if (!kept.Exists(k => h.Start < k.End && k.Start < h.End)) kept.Add(h);
        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    /// <summary>
    /// Every indicator's trigger matches in the sentence that no blocker overlaps, in indicator
    /// order (before the word-boundary test and the overlap resolution). Cached on this thread for
    /// the sentences of the last text: the classifier asks again for the sentences the rules read.
    /// </summary>
    private TriggerHit[] Unfiltered(string lower, int start, int end)
    {
        var cache = t_cache ??= new Cache();
        if (!ReferenceEquals(cache.Owner, this) || !ReferenceEquals(cache.Lower, lower))
        {
            cache.Owner = this;
            cache.Lower = lower;
            cache.Sentences.Clear();
        }
        if (cache.Sentences.TryGetValue((start, end), out var cached)) return cached;
        var hits = new List<TriggerHit>();
        // The sentence is the whole input of each pattern (as Match(text, start, length) would
        // take it); matching on the span allocates no Match objects, and there are ~20 patterns a sentence.
        var sentence = lower.AsSpan(start, end - start);
        List<(int, int)>? blocked = null;
        foreach (var spec in _specs)
        {
            blocked?.Clear();
            if (spec.Blockers is not null)
            {
                foreach (var b in spec.Blockers.EnumerateMatches(sentence))
                    (blocked ??= []).Add((start + b.Index, start + b.Index + b.Length));
            }
            foreach (var m in spec.Trigger.EnumerateMatches(sentence))
            {
                int s = start + m.Index, e = s + m.Length;
                if (blocked is { Count: > 0 } && Overlaps(blocked, s, e)) continue;
                hits.Add(new TriggerHit(s, e, spec));
            }
        }
        var result = hits.Count == 0 ? [] : hits.ToArray();
        cache.Sentences[(start, end)] = result;
        return result;
    }

    [ThreadStatic] private static Cache? t_cache;

    private sealed class Cache
    {
        public TriggerMatcher? Owner;
        public string? Lower;
        public readonly Dictionary<(int, int), TriggerHit[]> Sentences = [];
    }

    private static bool Overlaps(List<(int Start, int End)> spans, int start, int end)
    {
        foreach (var (s, e) in spans)
            if (start < e && s < end) return true;
        return false;
    }
}
