using ReportMiner.Numbers;

namespace ReportMiner.Extract;

/// <summary>
/// A figure in a sentence with the indicator the rules would give it (or none), and the
/// evidence they used. The classifier decides on candidates; rules alone keep the ones with
/// an indicator.
/// </summary>
public sealed record Candidate
{
    public required Quantity Quantity { get; init; }
    public required int SentenceStart { get; init; }
    public required int SentenceEnd { get; init; }
    /// <summary>Indicator the rules chose, or null (no trigger, excluded, or unit mismatch).</summary>
    public string? Indicator { get; init; }
    /// <summary>Nearest trigger's indicator whatever the rules decided (for the classifier's features).</summary>
    public string? NearestIndicator { get; init; }
    /// <summary>The trigger text that named the indicator.</summary>
    public string? Trigger { get; init; }
    /// <summary>True when the trigger stands after the figure ("9家企业申报…高新技术企业").</summary>
    public bool TriggerAfter { get; init; }
    public required MentionStatus Status { get; init; }
    public string? Qualifier { get; init; }
    /// <summary>
    /// The period the figure covers. With <see cref="PeriodOf"/> it is worked out when first
    /// read: most candidates are never kept, and finding a period is a regex pass over the
    /// sentence. A candidate belongs to one document's thread, so the getter needs no lock.
    /// </summary>
    public string? Period
    {
        get
        {
            if (_periodOf is { } find)
            {
                _period = find();
                _periodOf = null;
            }
            return _period;
        }
        init
        {
            _period = value;
            _periodOf = null;
        }
    }

    /// <summary>Finds <see cref="Period"/> when it is first read, instead of setting it.</summary>
    public Func<string?>? PeriodOf { init => _periodOf = value; }

    private string? _period;
    private Func<string?>? _periodOf;
    public required Structure.SectionKind Section { get; init; }
    /// <summary>Sub-population the figure covers (全社会, 规上工业企业 …), where the clause names one.</summary>
    public string? Scope { get; init; }
    /// <summary>Why the rules rejected it, if they did (for debugging and features).</summary>
    public Rejection? Rejection { get; init; }
    /// <summary>For a breakdown (其中…, a parenthesis, a sub-row): <see cref="Quantity.Start"/> of the figure it splits up (the chain's first figure).</summary>
    public int? BreakdownOf { get; init; }
    /// <summary>True for a count or number of persons that a stock cue (累计, 共有 …) makes a cumulative stock.</summary>
    public bool Stock { get; init; }
    /// <summary><c>rule</c>, or <c>rule+ml</c> once the classifier has decided.</summary>
    public string Method { get; init; } = "rule";
    /// <summary>How sure the deciding stage is (1 for rules alone).</summary>
    public double Confidence { get; init; } = 1;
}
