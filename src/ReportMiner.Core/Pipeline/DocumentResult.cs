using ReportMiner.County;
using ReportMiner.Extract;
using ReportMiner.Ingest;
using ReportMiner.Normalise;
using ReportMiner.Structure;

namespace ReportMiner.Pipeline;

/// <summary>Everything the pipeline learned from one source file.</summary>
public sealed class DocumentResult
{
    public required SourceDocument Source { get; init; }
    public required NormalizedText Normalized { get; init; }
    public required IReadOnlyList<ReportResult> Reports { get; init; }

    /// <summary>All mentions of all reports, in document order.</summary>
    public IEnumerable<Mention> Mentions => Reports.SelectMany(r => r.Mentions);
}

/// <summary>One report of a file, its county and its mentions.</summary>
public sealed class ReportResult
{
    public required Report Report { get; init; }
    public required CountyRef County { get; init; }
    public required IReadOnlyList<Mention> Mentions { get; init; }
    /// <summary>All figures the rules looked at (for the classifier and debugging).</summary>
    public required IReadOnlyList<Candidate> Candidates { get; init; }
}
