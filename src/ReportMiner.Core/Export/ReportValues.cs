using System.Globalization;

namespace ReportMiner.Export;

/// <summary>One mention as the HTML report keeps it: what it says and which sentence (of its county's list) says it.</summary>
public sealed record ReportMention(
    string Indicator, string? Qualifier, string? Scope, string Status, string? Period, double Value, string Unit, string Raw,
    bool Approximate, string Document, string? Published, int Sentence);

/// <summary>
/// The value the report shows for one county, indicator, qualifier, scope, status and period,
/// with the mentions behind it (<paramref name="Mentions"/>: indexes into the county's mention
/// list, the chosen one first) and how many of them agree with it (within 0.5%) or not.
/// </summary>
public sealed record ReportValue(
    string Indicator, string? Qualifier, string? Scope, string Status, string? Period, double Value, string Unit, string Raw,
    bool Approximate, IReadOnlyList<int> Mentions, int Agreeing, int Disagreeing)
{
    /// <summary>Mentions of the same key whose value differs by more than 0.5% from the chosen one.</summary>
    public bool Conflict => Disagreeing > 0;
}

/// <summary>Chooses one value per key out of a county's mentions (the report shows what this gives).</summary>
public interface IReportValueChooser
{
    /// <summary>One value per (indicator, qualifier, scope, status, period) of <paramref name="mentions"/> (one county's, in table order).</summary>
    IReadOnlyList<ReportValue> Choose(IReadOnlyList<ReportMention> mentions);
}

/// <summary>
/// The report's own grouping until the panel exists: mentions grouped by indicator, qualifier,
/// scope, status and period; within a group an exact figure beats an approximate one, then the
/// value most mentions agree on (within 0.5%), then the latest published report, then the first
/// mention in table order.
/// </summary>
public sealed class GroupingValueChooser : IReportValueChooser
{
    /// <summary>Relative difference under which two figures agree.</summary>
    public const double Tolerance = 0.005;

    public IReadOnlyList<ReportValue> Choose(IReadOnlyList<ReportMention> mentions)
    {
        var groups = new Dictionary<(string, string?, string?, string, string?), List<int>>();
        var order = new List<(string, string?, string?, string, string?)>();
        for (int i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            var key = (m.Indicator, m.Qualifier, m.Scope, m.Status, m.Period);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                order.Add(key);
            }
            list.Add(i);
        }
        var values = new List<ReportValue>(order.Count);
        foreach (var key in order)
        {
            var members = groups[key];
            int best = members[0];
            int bestAgree = Agreeing(mentions, members, best);
            foreach (var i in members.Skip(1))
            {
                int agree = Agreeing(mentions, members, i);
                if (Better(mentions[i], agree, mentions[best], bestAgree)) (best, bestAgree) = (i, agree);
            }
            var chosen = mentions[best];
            var ordered = new List<int>(members.Count) { best };
            ordered.AddRange(members.Where(i => i != best));
            values.Add(new ReportValue(chosen.Indicator, chosen.Qualifier, chosen.Scope, chosen.Status, chosen.Period, chosen.Value, chosen.Unit,
                chosen.Raw, chosen.Approximate, ordered, bestAgree - 1, members.Count - bestAgree));
        }
        return values;
    }

    /// <summary>Whether two figures agree: equal, or within <see cref="Tolerance"/> of the larger.</summary>
    public static bool Agree(double a, double b) => a == b || Math.Abs(a - b) <= Tolerance * Math.Max(Math.Abs(a), Math.Abs(b));

    private static int Agreeing(IReadOnlyList<ReportMention> mentions, List<int> members, int i)
        => members.Count(j => Agree(mentions[j].Value, mentions[i].Value));

    private static bool Better(ReportMention a, int agreeA, ReportMention b, int agreeB)
    {
        if (a.Approximate != b.Approximate) return !a.Approximate;
        if (agreeA != agreeB) return agreeA > agreeB;
        return string.CompareOrdinal(a.Published ?? "", b.Published ?? "") > 0;
    }
}

/// <summary>A period as an interval of months, so that periods sort by time and never as text.</summary>
public readonly record struct PeriodSpan(int Start, int End, bool FullYear)
{
    /// <summary>
    /// <c>2020</c>, <c>2021-04</c>, <c>2021-01/2021-04</c>, <c>2024-H1</c>, <c>2024-Q3</c>,
    /// <c>2023/2024</c>; null for anything else (the report lists such periods last, as text).
    /// </summary>
    public static PeriodSpan? Parse(string? period)
    {
        if (string.IsNullOrEmpty(period)) return null;
        int slash = period.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var a = Parse(period[..slash]);
            var b = Parse(period[(slash + 1)..]);
            if (a is null || b is null || b.Value.End < a.Value.Start) return null;
            return new PeriodSpan(a.Value.Start, b.Value.End, a.Value.Start % 12 == 0 && b.Value.End - a.Value.Start == 11);
        }
        if (period.Length < 4 || !int.TryParse(period.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year)) return null;
        int first = checked(year * 12);
        if (period.Length == 4) return new PeriodSpan(first, first + 11, true);
        if (period[4] != '-') return null;
        var rest = period.AsSpan(5);
        if (rest is "H1") return new PeriodSpan(first, first + 5, false);
        if (rest is "H2") return new PeriodSpan(first + 6, first + 11, false);
        if (rest.Length == 2 && rest[0] == 'Q' && rest[1] is >= '1' and <= '4')
        {
            int q = rest[1] - '1';
            return new PeriodSpan(first + 3 * q, first + 3 * q + 2, false);
        }
        if (rest.Length == 2 && int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out int month) && month is >= 1 and <= 12)
            return new PeriodSpan(first + month - 1, first + month - 1, false);
        return null;
    }

    /// <summary>The calendar year of a full-year period.</summary>
    public int Year => Start / 12;

    /// <summary>Periods by start, then the longer first; unparsable ones after, as text; null last.</summary>
    public static int Compare(string? a, string? b)
    {
        if (a == b) return 0;
        if (a is null) return 1;
        if (b is null) return -1;
        var pa = Parse(a);
        var pb = Parse(b);
        if (pa is { } x && pb is { } y)
        {
            int c = x.Start.CompareTo(y.Start);
            if (c == 0) c = y.End.CompareTo(x.End);
            return c != 0 ? c : string.CompareOrdinal(a, b);
        }
        if (pa is not null) return -1;
        if (pb is not null) return 1;
        return string.CompareOrdinal(a, b);
    }
}
