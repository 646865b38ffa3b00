namespace ReportMiner.Panel;

/// <summary>
/// One mention as the panel sees it. <paramref name="Id"/> is the mention's number in table
/// order (1, 2, … as <c>mentions.id</c> in SQLite); <paramref name="PartOf"/> the number of the
/// mention it breaks down, when it is a part.
/// </summary>
public sealed record PanelMention(
    long Id, string CountyKey, string? CountyName, string Indicator, string Status, string? Qualifier, string? Scope,
    double Value, string Unit, string Raw, bool Approximate, string? Period, string Document, int Report, string Sentence,
    string Role, long? PartOf);

/// <summary>A report of a mined file: what "the later report" is decided on.</summary>
/// <param name="Published">Publication date, <c>YYYY-MM-DD</c> (or a prefix of it), or null.</param>
/// <param name="Period">The report's own period in the spec's notation, or null.</param>
public sealed record PanelDocument(string Id, int Report, string? Published, string? Period);

/// <summary>
/// One row of the panel: the value chosen for a (county, indicator, period, qualifier, scope)
/// key. <see cref="Period"/> is the key's period: the calendar year for a figure inside one
/// year (so 2019 and 1-9月 of 2019 compete), the figure's own period otherwise, "" when the
/// figure has none. <see cref="ValuePeriod"/> is the chosen figure's own period.
/// </summary>
public sealed record PanelRow(
    string CountyKey, string? CountyName, string Indicator, string Period, string? Qualifier, string? Scope,
    double Value, string Unit, string Status, string? ValuePeriod, string? PeriodFirst, string? PeriodLast, bool FullPeriod,
    string Role, bool Approximate, string Raw, string Document, int Report, string? Published, long MentionId, string Reason,
    int Figures, int Agree, int Disagree, string Sentence);

/// <summary>A figure of a panel key that disagrees (beyond <see cref="PanelBuilder.Tolerance"/>) with the chosen one.</summary>
public sealed record PanelConflict(
    string CountyKey, string Indicator, string Period, string? Qualifier, string? Scope, string Status, string? ValuePeriod, string Unit,
    long ChosenMentionId, double ChosenValue, string ChosenRaw, string ChosenDocument, int ChosenReport, string ChosenSentence,
    long OtherMentionId, double OtherValue, string OtherRaw, string OtherDocument, int OtherReport, string OtherSentence,
    double RelativeDifference);

/// <summary>A plausibility check that failed for a mention (and, where two figures are involved, the other one).</summary>
public sealed record PanelCheck(
    string Check, string CountyKey, string Indicator, string? Period, long MentionId, double Value, string Document, int Report,
    long? OtherMentionId, double? OtherValue, string Detail);

/// <summary>The panel of a batch with its conflicts and checks, each in a fixed order.</summary>
public sealed record PanelResult(IReadOnlyList<PanelRow> Rows, IReadOnlyList<PanelConflict> Conflicts, IReadOnlyList<PanelCheck> Checks);

/// <summary>Why a panel row's figure was chosen: the first rule (in this order) that puts it before the runner-up.</summary>
public static class PanelReasons
{
    /// <summary>The key has one figure.</summary>
    public const string Only = "only";
    /// <summary>A figure for the whole over a breakdown of another figure (其中…).</summary>
    public const string TotalOverPart = "total_over_part";
    public const string ActualOverTarget = "actual_over_target";
    /// <summary>The figure covering more months of the key's period (a year over 1-9月 over 上半年).</summary>
    public const string LongerPeriod = "longer_period";
    /// <summary>The later report (publication date, then the report's own period).</summary>
    public const string LaterReport = "later_report";
    public const string ExactOverApproximate = "exact_over_approximate";
    /// <summary>Nothing else differs: the figure first in table order (lowest mention id).</summary>
    public const string FirstInTableOrder = "first_in_table_order";
}

/// <summary>
/// What the cross-indicator check needs (pipeline.yaml <c>output.panel.share_of_gdp</c>): the
/// indicator of a spend in CNY, the indicator of that spend as a percent of GDP, and the GDP
/// (CNY) the two may imply. Null: no such check.
/// </summary>
public sealed record ShareOfGdpCheck(string Spend, string Share, double MinGdp, double MaxGdp);

/// <summary>Options of the panel's checks.</summary>
public sealed record PanelOptions(ShareOfGdpCheck? ShareOfGdp)
{
    public static readonly PanelOptions None = new((ShareOfGdpCheck?)null);
}

/// <summary>The names of the checks.</summary>
public static class PanelChecks
{
    public const string PartExceedsTotal = "part_exceeds_total";
    public const string PartsExceedTotal = "parts_exceed_total";
    public const string PercentOutOfRange = "percent_out_of_range";
    public const string FractionalCount = "fractional_count";
    public const string ShareOfGdp = "share_of_gdp_vs_spend";
    public const string TargetBelowActual = "target_below_actual";
}
