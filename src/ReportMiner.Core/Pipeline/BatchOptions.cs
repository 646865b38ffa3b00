namespace ReportMiner.Pipeline;

/// <summary>What to mine and where to write it.</summary>
/// <param name="InputDirectory">Folder of reports, searched recursively.</param>
/// <param name="OutputDirectory">Folder for counties/*.json, errors.jsonl, the tables and the cache.</param>
public sealed record BatchOptions(string InputDirectory, string OutputDirectory)
{
    /// <summary>Files processed at once (1 = sequential). The output does not depend on it.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>Re-process every file even when its cached result is valid.</summary>
    public bool Force { get; init; }

    /// <summary>Whether results are cached in <c>OUT/.cache</c> and reused on the next run.</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>
    /// Stops the batch (SIGINT/SIGTERM): no further file is taken or written, nothing is
    /// published, temporary files go, and <see cref="BatchRunner.Run"/> throws
    /// <see cref="OperationCanceledException"/>. Results already in the cache stay for the next run.
    /// </summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Mine only this part of the input and write <c>shard.json</c> for <c>merge</c> (null: all of it).</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>Called after each file, in input order, on the thread that called <see cref="BatchRunner.Run"/>.</summary>
    public Action<BatchProgress>? Progress { get; init; }
}

/// <summary>Where a batch is: files done of all, and the file just finished.</summary>
public readonly record struct BatchProgress(int Done, int Total, string Document, bool Cached, bool Failed);

/// <summary>What a batch did.</summary>
/// <param name="Duplicates">Files with the same bytes (SHA-256) as an earlier file: mined once, listed with <c>duplicate_of</c>.</param>
public sealed record BatchSummary(int Files, int Reports, int Mentions, int Errors, int Counties, int Cached, TimeSpan Elapsed, int Duplicates = 0);
