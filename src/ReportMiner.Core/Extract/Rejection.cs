namespace ReportMiner.Extract;

/// <summary>Why the rules did not give a figure the indicator of the trigger they looked at.</summary>
public enum RejectionReason
{
    /// <summary><c>unit</c>: the figure's unit does not fit the indicator.</summary>
    Unit,
    /// <summary><c>clause</c>: the trigger stands in another clause.</summary>
    Clause,
    /// <summary><c>separator</c>: a strong separator (;) stands between trigger and figure.</summary>
    Separator,
    /// <summary><c>distance</c>: the trigger stands too far away (<c>max_gap</c>).</summary>
    Distance,
    /// <summary><c>cell</c>: another table cell stands between the row label and the figure.</summary>
    Cell,
    /// <summary><c>foreign</c>: a counted thing that is not an indicator (<c>foreign_nouns</c>) stands between them.</summary>
    Foreign,
    /// <summary><c>combined</c>: one figure for two indicators ("高新技术企业、科技型中小企业50家").</summary>
    Combined,
    /// <summary><c>exclude:WORD</c>: an exclusion word of the indicator stands in the figure's clause.</summary>
    Exclude,
    /// <summary><c>exclude-target:WORD</c>: a target-only exclusion word, and the figure is a target.</summary>
    ExcludeTarget,
    /// <summary><c>require</c>: none of the indicator's required words stands in the clause.</summary>
    Require,
    /// <summary><c>masked</c>: the figure is masked in the source (xx, **).</summary>
    Masked,
}

/// <summary>A rejection: its reason and, for exclusions, the word that excluded the figure.</summary>
public readonly record struct Rejection(RejectionReason Reason, string? Word = null)
{
    public static implicit operator Rejection(RejectionReason reason) => new(reason);

    /// <summary>The reason as written in <c>extract --candidates</c> and the classifier's features.</summary>
    public string Code => Reason switch
    {
        RejectionReason.Unit => "unit",
        RejectionReason.Clause => "clause",
        RejectionReason.Separator => "separator",
        RejectionReason.Distance => "distance",
        RejectionReason.Cell => "cell",
        RejectionReason.Foreign => "foreign",
        RejectionReason.Combined => "combined",
        RejectionReason.Exclude => "exclude",
        RejectionReason.ExcludeTarget => "exclude-target",
        RejectionReason.Require => "require",
        _ => "masked",
    };

    /// <summary><see cref="Code"/>, then <c>:WORD</c> when a word excluded the figure ("exclude:增长").</summary>
    public override string ToString() => Word is null ? Code : Code + ":" + Word;
}

/// <summary>Whether a figure is a result or a goal.</summary>
public enum MentionStatus
{
    /// <summary><c>actual</c>: a result reported.</summary>
    Actual,
    /// <summary><c>target</c>: a goal (plan sections, target cues).</summary>
    Target,
}

/// <summary>The words the outputs and gold files use for <see cref="MentionStatus"/>.</summary>
public static class MentionStatuses
{
    public const string Actual = "actual";
    public const string Target = "target";

    /// <summary><c>actual</c> or <c>target</c>.</summary>
    public static string Word(this MentionStatus status) => status == MentionStatus.Target ? Target : Actual;

    /// <summary>The other status.</summary>
    public static MentionStatus Flipped(this MentionStatus status) => status == MentionStatus.Target ? MentionStatus.Actual : MentionStatus.Target;
}
