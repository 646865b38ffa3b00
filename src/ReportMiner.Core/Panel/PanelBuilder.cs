using System.Globalization;

namespace ReportMiner.Panel;

/// <summary>
/// Builds the panel (one value per county, indicator, period, qualifier and scope), its
/// conflicts and its checks from the mentions of a batch as they stream past in table order.
/// Pure: the result depends only on what was added and in which order, never on timing.
/// Holds one record per mention (a conflict names both sources, sentences included), so
/// its memory grows with the mentions of the batch (not their files).
/// <para>
/// The choice, for the figures of one key, best first (docs/exports.md, "The panel"):
/// (1) a figure for the whole over a part of another figure; (2) actual over target; (3) the
/// figure covering more months (periods compare as intervals: a year over 1-9月 of that year
/// over 上半年); (4) the later report: publication date, then the end of the report's own
/// period (unknown counts as earliest); (5) exact over approximate; (6) the first in table
/// order. The reason given is the first rule that puts the chosen figure before the runner-up.
/// </para>
/// </summary>
public sealed class PanelBuilder
{
    /// <summary>Two values agree when they differ by at most this share of the larger one (0.5%, as <c>eval</c> matches values).</summary>
    public const double Tolerance = 0.005;

    private readonly PanelOptions _options;

    public PanelBuilder(PanelOptions? options = null) => _options = options ?? PanelOptions.None;

    private readonly Dictionary<(string Id, int Report), PanelDocument> _documents = [];
    private readonly Dictionary<Key, List<Figure>> _keys = [];
    private readonly Dictionary<long, Figure> _byId = [];
    private long _lastId;

    public void AddDocument(PanelDocument document) => _documents[(document.Id, document.Report)] = document;

    /// <summary>Adds a mention; ids must grow (table order).</summary>
    public void AddMention(PanelMention mention)
    {
        if (mention.Id <= _lastId) throw new ArgumentException($"mention ids must grow: {mention.Id} after {_lastId}", nameof(mention));
        _lastId = mention.Id;
        var interval = PeriodInterval.Parse(mention.Period);
        var figure = new Figure(mention, interval);
        var key = new Key(mention.CountyKey, mention.Indicator, KeyPeriod(mention.Period, interval), mention.Qualifier ?? "", mention.Scope ?? "");
        if (!_keys.TryGetValue(key, out var list)) _keys[key] = list = [];
        list.Add(figure);
        _byId[mention.Id] = figure;
    }

    /// <summary>The period of the key a figure goes to: its year when it lies inside one, else its own period, "" when it has none.</summary>
    public static string KeyPeriod(string? period, PeriodInterval? interval)
        => interval is { WithinOneYear: true } i ? i.YearText : period ?? "";

    /// <summary>Orders two figures of one key, best first; <paramref name="reason"/> is the rule that decided.</summary>
    private int Compare(Figure a, Figure b, out string reason)
    {
        bool partA = a.M.Role == "part", partB = b.M.Role == "part";
        if (partA != partB) { reason = PanelReasons.TotalOverPart; return partA ? 1 : -1; }
        bool actualA = a.M.Status == "actual", actualB = b.M.Status == "actual";
        if (actualA != actualB) { reason = PanelReasons.ActualOverTarget; return actualA ? -1 : 1; }
        int monthsA = a.Interval?.Months ?? 0, monthsB = b.Interval?.Months ?? 0;
        if (monthsA != monthsB) { reason = PanelReasons.LongerPeriod; return monthsB.CompareTo(monthsA); }
        int later = Later(a, b);
        if (later != 0) { reason = PanelReasons.LaterReport; return -later; }
        if (a.M.Approximate != b.M.Approximate) { reason = PanelReasons.ExactOverApproximate; return a.M.Approximate ? 1 : -1; }
        reason = PanelReasons.FirstInTableOrder;
        return a.M.Id.CompareTo(b.M.Id);
    }

    /// <summary>Positive when <paramref name="a"/>'s report is later than <paramref name="b"/>'s: publication date, then the end of the report's period; unknown is earliest.</summary>
    private int Later(Figure a, Figure b)
    {
        var da = Document(a);
        var db = Document(b);
        int c = string.CompareOrdinal(da?.Published ?? "", db?.Published ?? "");
        if (c != 0) return Math.Sign(c);
        int ea = PeriodInterval.Parse(da?.Period)?.LastMonth ?? int.MinValue, eb = PeriodInterval.Parse(db?.Period)?.LastMonth ?? int.MinValue;
        return ea.CompareTo(eb);
    }

    private PanelDocument? Document(Figure f) => _documents.GetValueOrDefault((f.M.Document, f.M.Report));

    /// <summary>Relative difference of two values: |a − b| over the larger magnitude (0 when both are 0).</summary>
    public static double RelativeDifference(double a, double b)
    {
        double scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return scale == 0 ? 0 : Math.Abs(a - b) / scale;
    }

    /// <summary>Whether two figures of a key measure the same thing and can agree or disagree: same status, role and period.</summary>
    private static bool Comparable(Figure a, Figure b)
        => a.M.Status == b.M.Status && a.M.Role == b.M.Role && a.Interval == b.Interval && (a.Interval is not null || a.M.Period == b.M.Period);

    public PanelResult Build()
    {
        var rows = new List<PanelRow>(_keys.Count);
        var conflicts = new List<PanelConflict>();
        var bestTarget = new Dictionary<Key, Figure>();
        var chosenByKey = new Dictionary<Key, Figure>();
        foreach (var key in _keys.Keys.Order(KeyComparer.Instance))
        {
            var figures = _keys[key];
            var ranked = figures.ToList();
            ranked.Sort((a, b) => Compare(a, b, out _));
            var chosen = ranked[0];
            var reason = ranked.Count == 1 ? PanelReasons.Only : Reason(chosen, ranked[1]);
            int agree = 0, disagree = 0;
            foreach (var other in ranked.Skip(1))
            {
                if (!Comparable(chosen, other)) continue;
                double diff = RelativeDifference(chosen.M.Value, other.M.Value);
                if (diff <= Tolerance) { agree++; continue; }
                disagree++;
                conflicts.Add(new PanelConflict(key.County, key.Indicator, key.Period, Null(key.Qualifier), Null(key.Scope), chosen.M.Status,
                    chosen.M.Period, chosen.M.Unit,
                    chosen.M.Id, chosen.M.Value, chosen.M.Raw, chosen.M.Document, chosen.M.Report, chosen.M.Sentence,
                    other.M.Id, other.M.Value, other.M.Raw, other.M.Document, other.M.Report, other.M.Sentence, Math.Round(diff, 6)));
            }
            var m = chosen.M;
            var interval = chosen.Interval;
            bool full = interval is { } iv && (iv.IsYear || !iv.WithinOneYear);
            rows.Add(new PanelRow(key.County, m.CountyName, key.Indicator, key.Period, m.Qualifier, m.Scope, m.Value, m.Unit, m.Status,
                m.Period, interval?.FirstText, interval?.LastText, full, m.Role, m.Approximate, m.Raw, m.Document, m.Report,
                Document(chosen)?.Published, m.Id, reason, figures.Count, agree, disagree, m.Sentence));
            chosenByKey[key] = chosen;
            if (ranked.FirstOrDefault(f => f.M.Status == "target" && f.M.Role != "part") is { } target) bestTarget[key] = target;
        }
        return new PanelResult(rows, conflicts, Checks(chosenByKey, bestTarget));
    }

    private string Reason(Figure chosen, Figure runnerUp)
    {
        Compare(chosen, runnerUp, out var reason);
        return reason;
    }

    private List<PanelCheck> Checks(Dictionary<Key, Figure> chosenByKey, Dictionary<Key, Figure> bestTarget)
    {
        var checks = new List<PanelCheck>();
        var partsOf = new SortedDictionary<long, List<Figure>>();
        foreach (var f in _byId.Values.OrderBy(f => f.M.Id))
        {
            var m = f.M;
            if (m.Unit == "percent" && m.Value is < 0 or > 100)
                checks.Add(Check(PanelChecks.PercentOutOfRange, f, null, $"{Num(m.Value)}% is outside 0-100"));
            if (m.Unit is "count" or "persons" && m.Value != Math.Floor(m.Value))
                checks.Add(Check(PanelChecks.FractionalCount, f, null, $"{Num(m.Value)} {m.Unit} is not a whole number"));
            if (m.PartOf is long totalId && _byId.TryGetValue(totalId, out var total) && total.M.Unit == m.Unit)
            {
                if (!partsOf.TryGetValue(totalId, out var parts)) partsOf[totalId] = parts = [];
                parts.Add(f);
                if (m.Value > total.M.Value * (1 + Tolerance))
                    checks.Add(Check(PanelChecks.PartExceedsTotal, f, total, $"part {Num(m.Value)} is larger than its total {Num(total.M.Value)} (mention {totalId})"));
            }
        }
        foreach (var (totalId, parts) in partsOf)
        {
            if (parts.Count < 2) continue;
            var total = _byId[totalId];
            double sum = parts.Sum(p => p.M.Value);
            if (sum > total.M.Value * (1 + Tolerance) && parts.TrueForAll(p => p.M.Value <= total.M.Value * (1 + Tolerance)))
                checks.Add(Check(PanelChecks.PartsExceedTotal, total, null,
                    $"its {parts.Count} parts (mentions {string.Join(' ', parts.Select(p => p.M.Id.ToString(CultureInfo.InvariantCulture)))}) add up to {Num(sum)}, more than {Num(total.M.Value)}"));
        }
        foreach (var (key, chosen) in chosenByKey.OrderBy(kv => kv.Value.M.Id))
        {
            // A target below the actual of the same key (county, indicator, year, qualifier, scope).
            if (chosen.M.Status == "actual" && bestTarget.TryGetValue(key, out var target)
                && target.M.Value < chosen.M.Value * (1 - Tolerance))
                checks.Add(Check(PanelChecks.TargetBelowActual, target, chosen,
                    $"target {Num(target.M.Value)} ({target.M.Period ?? "no period"}) is below the actual {Num(chosen.M.Value)} ({chosen.M.Period ?? "no period"}, mention {chosen.M.Id})"));
            // A spend as a percent of GDP (R&D intensity) beside the spend of the same key: the GDP they imply must be one a county or city can have.
            if (_options.ShareOfGdp is { } gdpCheck && key.Indicator == gdpCheck.Share && chosen.M.Status == "actual" && chosen.M.Value > 0
                && chosenByKey.TryGetValue(key with { Indicator = gdpCheck.Spend }, out var spend)
                && spend.M.Status == "actual" && spend.M.Role == chosen.M.Role && spend.Interval == chosen.Interval && spend.Interval is not null)
            {
                double gdp = spend.M.Value / (chosen.M.Value / 100);
                if (gdp < gdpCheck.MinGdp || gdp > gdpCheck.MaxGdp)
                    checks.Add(Check(PanelChecks.ShareOfGdp, chosen, spend,
                        $"{Num(chosen.M.Value)}% of GDP beside a spend of {Num(spend.M.Value)} CNY (mention {spend.M.Id}) implies a GDP of {gdp.ToString("0.###e+0", CultureInfo.InvariantCulture)} CNY, outside {gdpCheck.MinGdp.ToString("0.#e+0", CultureInfo.InvariantCulture)}-{gdpCheck.MaxGdp.ToString("0.#e+0", CultureInfo.InvariantCulture)}"));
            }
        }
        checks.Sort((a, b) =>
        {
            int c = a.MentionId.CompareTo(b.MentionId);
            return c != 0 ? c : string.CompareOrdinal(a.Check, b.Check);
        });
        return checks;
    }

    private static PanelCheck Check(string check, Figure f, Figure? other, string detail)
    {
        var m = f.M;
        return new PanelCheck(check, m.CountyKey, m.Indicator, m.Period, m.Id, m.Value, m.Document, m.Report, other?.M.Id, other?.M.Value, detail);
    }

    private static string Num(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    private static string? Null(string s) => s.Length == 0 ? null : s;

    private sealed record Figure(PanelMention M, PeriodInterval? Interval);

    private readonly record struct Key(string County, string Indicator, string Period, string Qualifier, string Scope);

    /// <summary>Keys by county, indicator, qualifier, scope, then period in time order (periods of the notation by first and last month, then the rest as text, "" last).</summary>
    private sealed class KeyComparer : IComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(Key a, Key b)
        {
            int c = string.CompareOrdinal(a.County, b.County);
            if (c == 0) c = string.CompareOrdinal(a.Indicator, b.Indicator);
            if (c == 0) c = string.CompareOrdinal(a.Qualifier, b.Qualifier);
            if (c == 0) c = string.CompareOrdinal(a.Scope, b.Scope);
            if (c != 0) return c;
            var ia = PeriodInterval.Parse(a.Period);
            var ib = PeriodInterval.Parse(b.Period);
            if (ia is { } x && ib is { } y)
            {
                c = x.FirstMonth.CompareTo(y.FirstMonth);
                if (c == 0) c = x.LastMonth.CompareTo(y.LastMonth);
                return c;
            }
            if (ia is not null || ib is not null) return ia is not null ? -1 : 1;
            if (a.Period.Length == 0 || b.Period.Length == 0) return (a.Period.Length == 0).CompareTo(b.Period.Length == 0);
            return string.CompareOrdinal(a.Period, b.Period);
        }
    }
}
