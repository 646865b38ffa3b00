using ReportMiner.Panel;

namespace ReportMiner.Export;

/// <summary>
/// Feeds one table writer's rows to a <see cref="PanelBuilder"/> and numbers the mentions as the
/// tables do: ids 1, 2, … in table order (<c>mentions.id</c>), and a part's <c>part_of</c> (an
/// index among its document's and report's mentions) turned into the id of the mention it
/// breaks down. A file's mentions come in file order, each report's together, so the id of a
/// report's first mention plus the index is that mention's id.
/// </summary>
public sealed class PanelCollector
{
    private readonly PanelBuilder _builder;

    public PanelCollector(PanelOptions? options = null) => _builder = new PanelBuilder(options);

    private long _lastId;
    private string? _document;
    private int _report;
    private long _reportFirstId;

    public void AddDocument(DocumentRow d) => _builder.AddDocument(new PanelDocument(d.Id, d.Report ?? 1, d.Published, d.Period));

    /// <summary>Adds the next mention in table order; returns its id and the id of the mention it is part of.</summary>
    public (long Id, long? PartOf) AddMention(MentionRow m)
    {
        long id = ++_lastId;
        if (m.Document != _document || m.Report != _report)
        {
            _document = m.Document;
            _report = m.Report;
            _reportFirstId = id;
        }
        long? partOf = m.PartOf is int index && _reportFirstId + index < id ? _reportFirstId + index : null;
        _builder.AddMention(new PanelMention(id, m.County.Key, m.County.Name, m.Indicator, m.Status, m.Qualifier, m.Scope, m.Value, m.Unit,
            m.Raw, m.Approximate, m.Period, m.Document, m.Report, m.Sentence, m.Role, partOf));
        return (id, partOf);
    }

    public PanelResult Build() => _builder.Build();
}

/// <summary>The panel, conflicts and checks tables as every format writes them (columns in docs/exports.md).</summary>
public static class PanelTables
{
    public static readonly string[] PanelHeaders =
    [
        "county_key", "county_name", "indicator", "period", "qualifier", "scope", "value", "unit", "status", "value_period", "period_first",
        "period_last", "full_period", "role", "approximate", "raw", "document", "report", "published", "mention_id", "reason", "figures",
        "agree", "disagree", "sentence",
    ];

    public static Cell[] PanelCells(PanelRow r) =>
    [
        Cell.Of(r.CountyKey), Cell.Of(r.CountyName), Cell.Of(r.Indicator), Cell.Of(r.Period), Cell.Of(r.Qualifier), Cell.Of(r.Scope),
        Cell.Of(r.Value), Cell.Of(r.Unit), Cell.Of(r.Status), Cell.Of(r.ValuePeriod), Cell.Of(r.PeriodFirst), Cell.Of(r.PeriodLast),
        Cell.Of(r.FullPeriod), Cell.Of(r.Role), Cell.Of(r.Approximate), Cell.Of(r.Raw), Cell.Of(r.Document), Cell.Of(r.Report),
        Cell.Of(r.Published), Cell.Of(r.MentionId), Cell.Of(r.Reason), Cell.Of(r.Figures), Cell.Of(r.Agree), Cell.Of(r.Disagree),
        Cell.Of(r.Sentence),
    ];

    public static readonly string[] ConflictHeaders =
    [
        "county_key", "indicator", "period", "qualifier", "scope", "status", "value_period", "unit",
        "chosen_mention_id", "chosen_value", "chosen_raw", "chosen_document", "chosen_report", "chosen_sentence",
        "other_mention_id", "other_value", "other_raw", "other_document", "other_report", "other_sentence", "relative_difference",
    ];

    public static Cell[] ConflictCells(PanelConflict c) =>
    [
        Cell.Of(c.CountyKey), Cell.Of(c.Indicator), Cell.Of(c.Period), Cell.Of(c.Qualifier), Cell.Of(c.Scope), Cell.Of(c.Status),
        Cell.Of(c.ValuePeriod), Cell.Of(c.Unit),
        Cell.Of(c.ChosenMentionId), Cell.Of(c.ChosenValue), Cell.Of(c.ChosenRaw), Cell.Of(c.ChosenDocument), Cell.Of(c.ChosenReport), Cell.Of(c.ChosenSentence),
        Cell.Of(c.OtherMentionId), Cell.Of(c.OtherValue), Cell.Of(c.OtherRaw), Cell.Of(c.OtherDocument), Cell.Of(c.OtherReport), Cell.Of(c.OtherSentence),
        Cell.Of(c.RelativeDifference),
    ];

    public static readonly string[] CheckHeaders =
    [
        "check", "county_key", "indicator", "period", "mention_id", "value", "document", "report", "other_mention_id", "other_value", "detail",
    ];

    public static Cell[] CheckCells(PanelCheck c) =>
    [
        Cell.Of(c.Check), Cell.Of(c.CountyKey), Cell.Of(c.Indicator), Cell.Of(c.Period), Cell.Of(c.MentionId), Cell.Of(c.Value),
        Cell.Of(c.Document), Cell.Of(c.Report), Cell.Of(c.OtherMentionId), Cell.Of(c.OtherValue), Cell.Of(c.Detail),
    ];
}
