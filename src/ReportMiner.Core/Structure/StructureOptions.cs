namespace ReportMiner.Structure;

/// <summary>Cue words for sections (from <c>pipeline.yaml</c>, <c>extraction.cues</c>).</summary>
public sealed record StructureOptions(
    IReadOnlyList<string> PlanHeadings,
    IReadOnlyList<string> SummaryHeadings,
    IReadOnlyList<string> ProblemHeadings,
    IReadOnlyList<string> PlanTitles);
