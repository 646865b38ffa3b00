namespace ReportMiner.Export;

/// <summary>
/// Writes one table format from rows pushed in table order (<see cref="TableFeed"/>): file by
/// file in ordinal order of id, each file's documents (by report) and then its mentions (by
/// position), or its error; the counties, by key, come with <see cref="Complete"/>. A writer
/// streams into a temporary file beside its target and publishes it atomically; a table whose
/// bytes did not change is left untouched. Disposing without completing discards the work.
/// </summary>
public interface ITableWriter : IDisposable
{
    void AddDocument(DocumentRow document);

    void AddMention(MentionRow mention);

    void AddError(ErrorRow error);

    /// <summary>Finishes and publishes the table; returns whether the file changed.</summary>
    bool Complete(IReadOnlyList<CountyRow> counties);
}
