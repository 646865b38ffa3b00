namespace ReportMiner.Extract;

/// <summary>
/// The extraction stage's options: the <c>extraction</c> section of <c>pipeline.yaml</c> (the rules'
/// words and the indicator taxonomy), read as it stands.
/// </summary>
public sealed class ExtractionOptions
{
    /// <summary>Most characters between a trigger and its figure inside one clause.</summary>
    public int MaxGap { get; init; } = 24;
    /// <summary>Words that may open a clause that continues the previous figure's subject.</summary>
    public List<string> Continuation { get; init; } = [];
    /// <summary>Words that may end a short clause leading into the figure ("泉州市入选336名").</summary>
    public List<string> ContinuationEnd { get; init; } = [];
    /// <summary>Regexes that, matched at its start, make a clause continue the previous figure's subject ("2018年58家" in a year series).</summary>
    public List<string> ContinuationPatterns { get; init; } = [];
    /// <summary>
    /// Sub-populations a figure may cover, by the scope written in the output: a figure whose
    /// clause names one of the words gets that scope (规上工业企业 for 规上工业研发费).
    /// </summary>
    public Dictionary<string, List<string>> Scopes { get; init; } = [];
    /// <summary>Counted things that are not indicators (孵化器, 平台 …): between trigger and figure they void the pairing.</summary>
    public List<string> ForeignNouns { get; init; } = [];
    /// <summary>Cue words, by what they mark.</summary>
    public CueOptions Cues { get; init; } = new();
    /// <summary>Tables flattened one cell per line under a label line (year series).</summary>
    public LabelBlockOptions LabelBlocks { get; init; } = new();
    /// <summary>Lists whose introduction names a goal ("主要目标是:", "今年要实现以下目标:"): what they govern is a target.</summary>
    public GoalListOptions GoalLists { get; init; } = new();
    /// <summary>Words the classifier's features look for (the model was trained on them: change them only with a retrain).</summary>
    public FeatureWordOptions Features { get; init; } = new();
    public List<IndicatorRule> Indicators { get; init; } = [];

    /// <summary>Ids of the indicators whose values <c>eval</c> compares exactly (<c>scoring: exact</c>).</summary>
    public IReadOnlySet<string> ExactlyScored()
        => Indicators.Where(i => i.Scoring == "exact").Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Words of <c>extraction.features</c>: the classifier's features name them, so the shipped model
/// only works with the list it was trained with (same words, same order).
/// </summary>
public sealed class FeatureWordOptions
{
    /// <summary>Cue words whose presence before the figure in its sentence (or clause), or after it, is a feature.</summary>
    public List<string> Cues { get; init; } = [];
    /// <summary>Report title words that are a feature (要点, 计划, 总结 …).</summary>
    public List<string> TitleWords { get; init; } = [];
    /// <summary>Words between a proposed trigger and the figure that mark a breakdown (其中, 分别).</summary>
    public List<string> Breakdown { get; init; } = [];
}

/// <summary>Cue words of <c>extraction.cues</c>, by what they mark.</summary>
/// <summary>How far a flattened table's cells may stand from their label line.</summary>
public sealed class LabelBlockOptions
{
    /// <summary>Lines looked at above a cell for its label (cells and row labels in between).</summary>
    public int MaxLines { get; init; } = 40;
    /// <summary>Longest row label (no digits, no punctuation) that may stand between cells: "和平区".</summary>
    public int MaxRowLabel { get; init; } = 10;
    /// <summary>Bracket pairs that mark a cell as an estimate (预计数), read as a target: "[]", "【】".</summary>
    public List<string> EstimateBrackets { get; init; } = [];
    /// <summary>What a row label starts with when the row breaks down the row above it: "#", "其中".</summary>
    public List<string> SubRowMarkers { get; init; } = [];
}

/// <summary>A list introduced by a goal: everything it governs is a target.</summary>
public sealed class GoalListOptions
{
    /// <summary>Words that, in a line or clause ending with a colon, introduce goals (目标, 要实现 …).</summary>
    public List<string> Intro { get; init; } = [];
    /// <summary>Words that, in the same introduction, report results instead (完成情况 …).</summary>
    public List<string> IntroBlockers { get; init; } = [];
    /// <summary>Most lines a goal list may govern after its introduction.</summary>
    public int MaxLines { get; init; } = 30;
}

public sealed class CueOptions
{
    /// <summary>Words before a figure in its sentence that make it a target (力争, 确保, …).</summary>
    public List<string> Target { get; init; } = [];
    /// <summary>Phrases that contain a target cue but report a result (目标完成率, 完成目标任务).</summary>
    public List<string> TargetBlockers { get; init; } = [];
    /// <summary>Heading words that make a section hold goals (计划, 思路, …).</summary>
    public List<string> PlanHeadings { get; init; } = [];
    /// <summary>Heading words that make a section report results (情况, 回顾, …); they win over plan words.</summary>
    public List<string> SummaryHeadings { get; init; } = [];
    /// <summary>Heading words of a problems/background section (问题, 不足, …).</summary>
    public List<string> ProblemHeadings { get; init; } = [];
    /// <summary>Title words that make a whole report a plan (工作要点, 工作计划, …).</summary>
    public List<string> PlanTitles { get; init; } = [];
    /// <summary>Qualifier cues for enterprise counts, by qualifier: total, new, applied.</summary>
    public Dictionary<string, List<string>> Qualifier { get; init; } = [];
    /// <summary>Recognition steps (复审, 评审 …): counts of enterprises passing them get no qualifier.</summary>
    public List<string> QualifierNone { get; init; } = [];
    /// <summary>Words in the gap that make a figure a breakdown of an earlier one (其中, 分别): the gap may be twice as long.</summary>
    public List<string> Breakdown { get; init; } = [];
    /// <summary>Words before a figure in its sentence that open a breakdown of an earlier figure (其中, 包括).</summary>
    public List<string> BreakdownOpeners { get; init; } = [];
    /// <summary>Words that open a breakdown list (其中): with a colon it runs on through semicolons, and it may follow a strong separator.</summary>
    public List<string> BreakdownList { get; init; } = [];
    /// <summary>Words in a parenthesis right after a figure that split it up (分别, 其中).</summary>
    public List<string> BreakdownParenthesis { get; init; } = [];
    /// <summary>Words that split a figure up when they open the parenthesis right after it (含).</summary>
    public List<string> BreakdownParenthesisStart { get; init; } = [];
    /// <summary>Words before a count or number of persons in its clause that make it a cumulative stock (累计, 共有, 现有): role <c>stock</c>.</summary>
    public List<string> Stock { get; init; } = [];
    /// <summary>"A、B分别为N、M": the word after which the k-th trigger names the k-th figure (分别).</summary>
    public List<string> Respectively { get; init; } = [];
    /// <summary>Links between two triggers sharing one figure (、, 和, 及, 与): that figure is not annotated.</summary>
    public List<string> Coordination { get; init; } = [];
    /// <summary>Links between coordinated figures that share the first one's qualifier (、, 和, (含).</summary>
    public List<string> QualifierLinks { get; init; } = [];
    /// <summary>Words right after an exclusion word that make it state a level, not a change (到, 至: 增长到).</summary>
    public List<string> LevelAfter { get; init; } = [];
    /// <summary>Words dropped from a plan part's lead sentence before reading it (现将: "现将…报告如下" opens a summary).</summary>
    public List<string> IntroIgnore { get; init; } = [];
    /// <summary>Words of a lead sentence that open a plan part (将: "2020年,xx县科技局将…").</summary>
    public List<string> PlanIntro { get; init; } = [];
    /// <summary>Title words that keep a report from being a plan even with a plan title word (总结).</summary>
    public List<string> PlanTitleBlockers { get; init; } = [];
    /// <summary>Plan heading words whose figures are for next year (明年, 下一年).</summary>
    public List<string> NextYearHeadings { get; init; } = [];
    /// <summary>Plan heading words whose figures are for the report's own year (下半年).</summary>
    public List<string> SameYearHeadings { get; init; } = [];
    /// <summary>Title words of a report on the first half year (上半年).</summary>
    public List<string> HalfYearTitles { get; init; } = [];
    /// <summary>Words near a report's start that mark a first-half-year report (上半年工作总结 …).</summary>
    public List<string> HalfYearHeads { get; init; } = [];
    /// <summary>Title or opening words of a first-quarter report (一季度).</summary>
    public List<string> FirstQuarterWords { get; init; } = [];
}

/// <summary>One indicator of the taxonomy: how it is written and what does not count.</summary>
public sealed class IndicatorRule
{
    public string Id { get; init; } = "";
    /// <summary>Unit of the value: CNY, count, persons or percent (<see cref="IndicatorUnit"/>).</summary>
    public string Unit { get; init; } = "";
    /// <summary>
    /// Unit words a figure must be written with ("家", "个" …); empty: any word of the unit's kind.
    /// A bare number (<see cref="AllowBare"/>) has none and is not checked.
    /// </summary>
    public List<string> UnitWords { get; init; } = [];
    /// <summary>How <c>eval</c> compares values: <c>exact</c> (counts) or <c>tolerant</c> (within 0.5%).</summary>
    public string Scoring { get; init; } = "tolerant";
    /// <summary>
    /// The indicator's own qualifiers, by qualifier: one of the words in the trigger's phrase
    /// (from two characters before it, or the figure's clause, to the figure) gives the figure
    /// that qualifier (patents: <c>invention: [发明]</c>). First match in file order wins.
    /// </summary>
    public Dictionary<string, List<string>> QualifierCues { get; init; } = [];
    /// <summary>Sub-populations for this indicator (scope → words), instead of <c>extraction.scopes</c>; null: the shared ones.</summary>
    public Dictionary<string, List<string>>? Scopes { get; init; }
    /// <summary>Words that name the indicator (matched case-insensitively for Latin letters).</summary>
    public List<string> Triggers { get; init; } = [];
    /// <summary>Regular expressions that name the indicator (for names spread over a phrase).</summary>
    public List<string> Patterns { get; init; } = [];
    /// <summary>Longer phrases that contain a trigger but name something else (高成长科技型企业).</summary>
    public List<string> Blockers { get; init; } = [];
    /// <summary>Words that, in the figure's clause, mean it is something else.</summary>
    public List<string> Exclude { get; init; } = [];
    /// <summary>Longer phrases that contain an exclusion word but do not exclude (月累计: year to date, not an all-time total).</summary>
    public List<string> ExcludeBlockers { get; init; } = [];
    /// <summary>Words that exclude a figure only when it is a target (力争培育… are candidates).</summary>
    public List<string> ExcludeTarget { get; init; } = [];
    /// <summary>If set, one of these must stand in the figure's clause (争取/到位 for funds from above).</summary>
    public List<string> Require { get; init; } = [];
    /// <summary>Whether the shared qualifier cues of <c>extraction.cues.qualifier</c> (total/new/applied) apply (enterprise counts).</summary>
    public bool Qualifiers { get; init; }
    /// <summary>Whether a bare number (a lost % sign) may be the value.</summary>
    public bool AllowBare { get; init; }
}
