using ReportMiner.Language;
using ReportMiner.Numbers;
using ReportMiner.Structure;

namespace ReportMiner.Extract;

/// <summary>
/// Reads a paired figure's attributes: whether it is a target (cue words), its qualifier, its
/// scope and its period. All words come from <c>pipeline.yaml</c>. Immutable and thread-safe.
/// </summary>
internal sealed class AttributeReader
{
    private readonly ExtractionOptions _config;
    private readonly (string Qualifier, string[] Cues)[] _qualifierCues;

    public AttributeReader(ExtractionOptions config)
    {
        _config = config;
        // More specific cues win: applied, then new, then total.
        string[] order = ["applied", "new", "total"];
        _qualifierCues = order.Where(config.Cues.Qualifier.ContainsKey)
            .Select(q => (q, config.Cues.Qualifier[q].OrderByDescending(c => c.Length).ToArray())).ToArray();
    }

    /// <summary>The figure's qualifier (total, new, applied, or an indicator's own), or null.</summary>
    public string? Qualifier(IndicatorSpec spec, string text, TriggerHit hit, Quantity q, ReadOnlySpan<char> window, Candidate? previous, int windowStart)
    {
        if (spec.Rule.QualifierCues.Count > 0)
        {
            // The indicator's own cues: in the trigger's phrase, from two characters before it (or its clause) to the figure.
            int from = Math.Max(0, Math.Min(hit.Start, windowStart) - 2);
            int to = Math.Max(hit.End, q.Start);
            var phrase = text.AsSpan(from, to - from);
            foreach (var (own, words) in spec.Rule.QualifierCues)
                foreach (var w in words)
                    if (phrase.Contains(w, StringComparison.Ordinal)) return own;
        }
        if (!spec.Rule.Qualifiers) return null;
        foreach (var step in _config.Cues.QualifierNone)
            if (window.Contains(step, StringComparison.Ordinal)) return null;
        foreach (var (qualifier, cues) in _qualifierCues)
            foreach (var cue in cues)
                if (window.Contains(cue, StringComparison.Ordinal)) return qualifier;
        // A cue governs every coordinated figure: 确保新认定A16家、B40家.
        if (previous is { Indicator: not null } p && p.Quantity.End <= q.Start && p.SentenceStart == previous.SentenceStart)
        {
            var link = text.AsSpan(p.Quantity.End, q.Start - p.Quantity.End);
            if (link.Length <= 12 && StartsWithAny(link, _config.Cues.QualifierLinks))
                return p.Qualifier;
        }
        return null;
    }

    /// <summary>The scope (the indicator's own, else <c>extraction.scopes</c>) whose words stand in the trigger's and figure's clause, or null.</summary>
    public string? Scope(IndicatorSpec spec, ReadOnlySpan<char> clause)
    {
        foreach (var (scope, words) in spec.Rule.Scopes ?? _config.Scopes)
            foreach (var w in words)
                if (clause.Contains(w, StringComparison.Ordinal)) return scope;
        return null;
    }

    /// <summary>A target cue (not inside a blocker) stands before <paramref name="pos"/> in its sentence, not across a strong separator.</summary>
    public bool HasTargetCue(string text, int sStart, int pos)
    {
        // Cues count from the sentence start, but not across a strong separator.
        int from = sStart;
        for (int i = pos - 1; i >= sStart; i--) if (Clauses.IsStrongSeparator(text[i])) { from = i + 1; break; }
        var span = text.AsSpan(from, pos - from);
        foreach (var cue in _config.Cues.Target)
        {
            for (int at = span.IndexOf(cue, StringComparison.Ordinal); at >= 0; at = NextIndex(span, cue, at))
                if (!InsideAny(span, at, cue.Length, _config.Cues.TargetBlockers)) return true;
        }
        return false;
    }

    private static int NextIndex(ReadOnlySpan<char> span, string word, int at)
    {
        int next = span[(at + 1)..].IndexOf(word, StringComparison.Ordinal);
        return next < 0 ? -1 : at + 1 + next;
    }

    /// <summary>True when <c>[at, at+length)</c> lies inside an occurrence of one of <paramref name="phrases"/>.</summary>
    private static bool StartsWithAny(ReadOnlySpan<char> s, List<string> words)
    {
        foreach (var w in words) if (s.StartsWith(w, StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool InsideAny(ReadOnlySpan<char> span, int at, int length, List<string> phrases)
    {
        foreach (var p in phrases)
        {
            for (int s = span.IndexOf(p, StringComparison.Ordinal); s >= 0 && s <= at; s = NextIndex(span, p, s))
                if (s + p.Length >= at + length) return true;
        }
        return false;
    }

    /// <summary>The period the figure covers: its column header, a span between it and a trigger after it, the nearest time expression before it, or the section's.</summary>
    public static string? FindPeriod(string text, Quantity q, int sStart, int forwardEnd, Report report, Section section, bool target)
    {
        // A table cell: its column header ("2024年上半年") says what it covers.
        if (q.ColumnHeader is { Length: > 0 } header && PeriodFinder.FindAll(header, 0, header.Length, report.Year) is { Count: > 0 } fromHeader)
            return fromHeader[^1].Period;
        if (forwardEnd > q.End)
        {
            // Between figure and trigger only a span counts ("9名2023-2024年市派科技特派员"), not a year in a name.
            var ahead = PeriodFinder.FindAll(text, q.End, forwardEnd, report.Year);
            if (ahead.Count > 0 && ahead[^1].Period.Length > 4) return ahead[^1].Period;
        }
        var before = PeriodFinder.FindAll(text, sStart, q.NumberStart, report.Year);
        if (before.Count > 0)
        {
            var match = before[^1];
            var p = match.Period;
            // 全年/今年 in a plan section means the plan's year.
            if (match.Relative && p.Length == 4 && section.Kind == SectionKind.Plan && section.Period is not null) return section.Period;
            // A bare year that is the report's own year says no more than the report period.
            if (section.Period is not null && p.Length == 4 && section.Period.StartsWith(p, StringComparison.Ordinal)) return section.Period;
            return p;
        }
        // A goal in a summary covers the year, not the half-year being reported.
        if (target && section.Kind != SectionKind.Plan && report.Year is int y) return y.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return section.Period;
    }
}
