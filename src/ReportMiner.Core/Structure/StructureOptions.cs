namespace ReportMiner.Structure;

/// <summary>Cue words for sections (from <c>pipeline.yaml</c>, <c>extraction.cues</c>).</summary>
public sealed record StructureOptions(
    IReadOnlyList<string> PlanHeadings,
    IReadOnlyList<string> SummaryHeadings,
    IReadOnlyList<string> ProblemHeadings,
    IReadOnlyList<string> PlanTitles)
{
    /// <summary>Words dropped from the lead sentence before a restarted numbering (现将).</summary>
    public IReadOnlyList<string> IntroIgnore { get; init; } = [];
    /// <summary>Words of that lead sentence that open the plan part (将).</summary>
    public IReadOnlyList<string> PlanIntro { get; init; } = [];
    /// <summary>Title words that keep a plan title from making the report a plan (总结).</summary>
    public IReadOnlyList<string> PlanTitleBlockers { get; init; } = [];
    /// <summary>Plan heading words whose figures are for next year (明年, 下一年).</summary>
    public IReadOnlyList<string> NextYearHeadings { get; init; } = [];
    /// <summary>Plan heading words whose figures are for the report's own year (下半年).</summary>
    public IReadOnlyList<string> SameYearHeadings { get; init; } = [];
    /// <summary>Title words of a report on the first half year (上半年).</summary>
    public IReadOnlyList<string> HalfYearTitles { get; init; } = [];
    /// <summary>Words near a report's start that mark a first-half-year report (上半年工作总结 …).</summary>
    public IReadOnlyList<string> HalfYearHeads { get; init; } = [];
    /// <summary>Title or opening words of a first-quarter report (一季度).</summary>
    public IReadOnlyList<string> FirstQuarterWords { get; init; } = [];
}
