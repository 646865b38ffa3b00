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
                if (isWordStart is not null && spec.IsShortLiteral(sentence.Slice(m.Index, m.Length)) && !(isWordStart(s) && isWordStart(e))) continue;
                hits.Add(new TriggerHit(s, e, spec));
            }
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

    private static bool Overlaps(List<(int Start, int End)> spans, int start, int end)
    {
        foreach (var (s, e) in spans)
            if (start < e && s < end) return true;
        return false;
    }
}
