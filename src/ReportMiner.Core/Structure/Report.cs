namespace ReportMiner.Structure;

/// <summary>What a section of a report is about: results, goals, or problems.</summary>
public enum SectionKind
{
    Summary,
    Plan,
    Problems,
}

/// <summary>A stretch of a report under one heading.</summary>
/// <param name="Start">Start offset in the normalised text.</param>
/// <param name="End">End offset (exclusive).</param>
/// <param name="Kind">What the section holds.</param>
/// <param name="Heading">The heading line, or null for text before the first heading.</param>
/// <param name="Period">The period its figures cover by default (report period, or the plan year), or null.</param>
public sealed record Section(int Start, int End, SectionKind Kind, string? Heading, string? Period);

/// <summary>One report inside a file (a file may hold several: 篇一 … 篇六, or reports run together).</summary>
public sealed record Report
{
    /// <summary>1-based position in the file.</summary>
    public required int Index { get; init; }
    /// <summary>Start offset in the normalised text.</summary>
    public required int Start { get; init; }
    /// <summary>End offset (exclusive).</summary>
    public required int End { get; init; }
    public string? Title { get; init; }
    /// <summary>The issuing body (…科技局), where the text names it.</summary>
    public string? Issuer { get; init; }
    /// <summary>Publication date as yyyy-MM-dd, where the text gives it.</summary>
    public string? Published { get; init; }
    /// <summary>The year the report is about, where the text tells.</summary>
    public int? Year { get; init; }
    /// <summary>The period the report covers: <c>2024</c>, <c>2024-H1</c>, <c>2018-Q1</c>, or null.</summary>
    public string? Period { get; init; }
    public required IReadOnlyList<Section> Sections { get; init; }

    /// <summary>The section holding <paramref name="offset"/>.</summary>
    public Section SectionAt(int offset)
    {
        for (int i = Sections.Count - 1; i >= 0; i--)
            if (Sections[i].Start <= offset) return Sections[i];
        return Sections[0];
    }
}
