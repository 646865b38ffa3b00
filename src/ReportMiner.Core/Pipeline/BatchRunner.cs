using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ReportMiner.County;
using ReportMiner.Export;
using ReportMiner.Ingest;
using ReportMiner.Output;

namespace ReportMiner.Pipeline;

/// <summary>
/// Runs the pipeline over every report file under a folder and writes one JSON file per
/// county, <c>errors.jsonl</c> and the tables <c>output.tables</c> asks for. Files are
/// processed in parallel and merged in input order, so the output is the same for any
/// number of jobs. Each file's results are written (county spool, tables) as soon as it is
/// its turn and then dropped, so memory does not grow with the number of files. A file whose
/// bytes, configuration and model are unchanged since the last run is taken from the cache
/// instead of being processed again. A file that fails is reported and the batch goes on.
/// </summary>
public sealed class BatchRunner
{
    private readonly ReportPipeline _pipeline;
    private readonly ReaderRegistry _readers;
    private readonly TextWriter _log;
    /// <summary>Hashes the data files (about 15 ms): started at construction, so that it overlaps listing the inputs.</summary>
    private readonly Task<RunIdentity> _identity;
    /// <summary>Worker processes that mine the files (null: in this process). See <see cref="IFileMiner"/>.</summary>
    private readonly IFileMiner? _workers;

    public BatchRunner(ReportPipeline pipeline, ReaderRegistry readers, TextWriter log, IFileMiner? workers = null)
    {
        _pipeline = pipeline;
        _readers = readers;
        _log = log;
        _workers = workers;
        _identity = Task.Run(() => RunIdentity.Of(pipeline));
    }

    /// <summary>What this runner's results depend on besides the input (configuration, model, code, data).</summary>
    public RunIdentity Identity => _identity.GetAwaiter().GetResult();

    /// <summary>Grace the batch's own watchdog gives a worker beyond its file's time limit (the pool kills it first).</summary>
    private static readonly TimeSpan WorkerGrace = TimeSpan.FromSeconds(30);

    /// <summary>Results that may wait for the writer per job before the workers pause (bounds memory).</summary>
    private const int WindowPerJob = 32;

    public BatchSummary Run(BatchOptions options) => Run(options, replay: null);

    /// <param name="options">What to do.</param>
    /// <param name="replay">Results of shards to write instead of mining (<see cref="ShardMerger"/>).</param>
    internal BatchSummary Run(BatchOptions options, ShardReplay? replay)
    {
        var clock = Stopwatch.StartNew();
        var config = _pipeline.Config;
        var outDir = options.OutputDirectory;
        var all = replay?.Inputs ?? InputFolder.Enumerate(options.InputDirectory, config.Ingest.Extensions);
        var inputs = options.Shard is { } shard ? all.Where(f => shard.Owns(f.Id)).ToList() : all;
        var shardFiles = options.Shard is null ? null : new List<ShardFile>(inputs.Count);
        // OCR runs at most --jobs Tesseract processes at once (in workers through OcrSlots).
        var ingestOptions = config.Ingest.ToOptions() with { OcrJobs = Math.Max(1, options.Jobs) };
        var cacheDir = Path.Combine(outDir, ".cache");
        var countiesDir = Path.Combine(outDir, "counties");
        foreach (var dir in new[] { outDir, countiesDir, cacheDir })
            AtomicFile.RemoveLeftovers(dir);
        Directory.CreateDirectory(outDir);

        var errors = new List<IngestError>();
        var countyRows = new Dictionary<string, CountyRow>(StringComparer.Ordinal);
        int reports = 0, mentions = 0, cached = 0, duplicates = 0;
        // Copies (same SHA-256): the first file in input order with those bytes is mined, the others are listed
        // as its duplicates. The workers skip a file when an earlier one with its bytes was already seen (most
        // copies, never mined twice); the writer decides in input order, so the output does not depend on
        // which worker saw which first. Shards mine every file of their part (merge replays them) and leave
        // the deciding to the writer, which gives the merged folder the single run's bytes.
        var claims = replay is null && options.Shard is null ? new ConcurrentDictionary<string, int>(StringComparer.Ordinal) : null;
        var originals = new Dictionary<string, CachedDocument>(StringComparer.Ordinal);
        var panelOptions = config.Output.Panel.ToOptions();
        var tables = TableExporter.CreateInto(outDir, config.Output.Tables, panelOptions);
        // report.html is fed like a table: the same rows in the same order, whatever writes the folder (run, merge).
        tables.Add(new HtmlReportWriter(Path.Combine(outDir, HtmlReportWriter.FileName), panelOptions));
        int jobs = Math.Max(1, options.Jobs);
        try
        {
            using var spool = new CountySpool(Path.Combine(outDir, ".spool"));
            var cache = options.UseCache ? OpenCache(cacheDir) : null;
            using var closeCache = cache;
            FileOutcome Mine(int i, bool skipCopies)
            {
                var (id, path) = inputs[i];
                Func<string, string?>? earlierCopy = claims is null || !skipCopies ? null : sha =>
                {
                    int first = claims.AddOrUpdate(sha, i, (_, claimed) => Math.Min(claimed, i));
                    return first < i ? inputs[first].Id : null;
                };
                return cache is not null ? ProcessCached(id, path, ingestOptions, cache, options.Force, earlierCopy) : Process(id, path, ingestOptions, earlierCopy);
            }
            OrderedParallel<FileOutcome>.Run(inputs.Count, jobs, WindowPerJob * jobs,
                i =>
                {
                    options.Cancellation.ThrowIfCancellationRequested();
                    return replay is not null ? replay.Outcome(i) : Mine(i, skipCopies: true);
                },
                // In input order, on this thread: a file's results go to the county spool and the tables, then are dropped.
                (i, outcome) =>
                {
                    options.Cancellation.ThrowIfCancellationRequested();
                    // A copy of a file that failed is mined after all (rare: the bytes failed once), here, so that it
                    // ends as it would have without the shortcut (as in a shard, which mines every file).
                    if (outcome.DuplicateOf is not null && !originals.ContainsKey(outcome.DuplicateSha!)) outcome = Mine(i, skipCopies: false);
                    bool copy = outcome.DuplicateOf is not null || (outcome.Document is { } mined && originals.ContainsKey(mined.Sha256));
                    // A copy's result is not kept (a copy mined by a race, or replayed from a shard): the cache holds
                    // what a single run mines, so a merge's cache is a single run's. A shard keeps it: its list points there.
                    if (outcome.CacheKey is { } key && cache is not null && !(copy && options.Shard is null))
                    {
                        try
                        {
                            if (outcome.NewEntry is { } entry) cache.Add(key, entry);
                            else cache.MarkUsed(key);
                        }
                        catch (IOException ex)
                        {
                            // A cache that cannot be written only costs time on the next run.
                            _log.WriteLine($"warning: cache: {ex.Message}; this run goes on without it");
                            cache = null;
                        }
                    }
                    if (outcome.Cached) cached++;
                    // A shard lists each file with where its result is (the cache) or its error.
                    shardFiles?.Add(new ShardFile(inputs[i].Id, outcome.Error is null && cache is not null ? outcome.CacheKey : null, outcome.Error?.Stage, outcome.Error?.Reason));
                    if (copy)
                    {
                        var original = originals[outcome.DuplicateSha ?? outcome.Document!.Sha256];
                        duplicates++;
                        _log.WriteLine(TerminalText.Escape($"duplicate: {inputs[i].Id}: same bytes as {original.Id}; mined once"));
                        OutputFeed.AddDuplicate(inputs[i].Id, original, spool, tables);
                    }
                    else if (outcome.Error is { } e)
                    {
                        errors.Add(e);
                        _log.WriteLine(TerminalText.Escape($"error: {e.Document}: {e.Stage}: {e.Reason}"));
                        TableFeed.File(tables, [], [], new ErrorRow(e.Document, e.Stage, e.Reason));
                    }
                    else
                    {
                        originals[outcome.Document!.Sha256] = outcome.Document;
                        var (r, m) = OutputFeed.Add(outcome.Document!, spool, countyRows, tables);
                        reports += r;
                        mentions += m;
                    }
                    options.Progress?.Invoke(new BatchProgress(i + 1, inputs.Count, inputs[i].Id, outcome.Cached, outcome.Error is not null));
                },
                // A file over ingest.timeout_seconds is reported as timed out and the batch goes on.
                TimeSpan.FromSeconds(Math.Max(1, ingestOptions.TimeoutSeconds)) + (_workers is null ? TimeSpan.Zero : WorkerGrace),
                i => new(null, new IngestError(inputs[i].Id, "timeout", $"not finished after {ingestOptions.TimeoutSeconds} s (ingest.timeout_seconds)"), false));

            options.Cancellation.ThrowIfCancellationRequested();
            // The outputs are independent of one another: finish them side by side (up to --jobs at once).
            var counties = countyRows.Values.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
            var finish = new List<Action>
            {
                () => spool.WriteCountyFiles(countiesDir),
                () => AtomicFile.WriteIfChanged(Path.Combine(outDir, "errors.jsonl"), OutputFeed.ErrorsJsonl(errors)),
            };
            finish.AddRange(tables.Select(table => (Action)(() => table.Complete(counties))));
            InParallel(finish, jobs);
            // Entries of files that are no longer in the input (or have changed) go, once they are most of the log.
            try
            {
                cache?.Close();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _log.WriteLine($"warning: cache: {ex.Message}");
            }
            ShardManifest.Publish(outDir, options.Shard is { } part
                ? new ShardManifest(ShardManifest.CurrentSchema, part.Part, part.Parts, Identity, all.Count, ShardManifest.Digest(all.Select(f => f.Id)), shardFiles!)
                : null);
        }
        finally
        {
            foreach (var table in tables) table.Dispose();
        }

        return new BatchSummary(inputs.Count, reports, mentions, errors.Count, countyRows.Count, cached, clock.Elapsed, duplicates);
    }

    /// <summary>Runs <paramref name="actions"/> on up to <paramref name="jobs"/> threads; the first failure is rethrown as itself.</summary>
    private static void InParallel(IReadOnlyList<Action> actions, int jobs)
    {
        try
        {
            Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = jobs }, [.. actions]);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
    }

    /// <summary>
    /// What is kept of one file: its reports' counties and mentions, or its error; with the
    /// cache, its key and (when the file was mined now) the serialised result to store.
    /// </summary>
    /// <param name="DuplicateOf">The earlier file with the same bytes, when this one was not mined for that reason.</param>
    /// <param name="DuplicateSha">The bytes' SHA-256 when <paramref name="DuplicateOf"/> is set.</param>
    internal sealed record FileOutcome(CachedDocument? Document, IngestError? Error, bool Cached, string? CacheKey = null, byte[]? NewEntry = null,
        string? DuplicateOf = null, string? DuplicateSha = null);

    /// <summary>The outcome of a file not mined because <paramref name="earlier"/> has its bytes.</summary>
    private static FileOutcome Copy(string earlier, string sha256) => new(null, null, false, DuplicateOf: earlier, DuplicateSha: sha256);

    /// <summary>The cache in <c>OUT/.cache</c> (per-file entries of earlier versions are removed), or null with a warning when it cannot be opened.</summary>
    private ResultCache? OpenCache(string cacheDir)
    {
        try
        {
            if (Directory.Exists(cacheDir))
                foreach (var legacy in Directory.EnumerateFiles(cacheDir, "*.json")) File.Delete(legacy);
            return ResultCache.Open(cacheDir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.WriteLine($"warning: cache: {ex.Message}; this run goes on without it");
            return null;
        }
    }

    private FileOutcome ProcessCached(string id, string path, IngestOptions options, ResultCache cache, bool force, Func<string, string?>? earlierCopy)
    {
        byte[]? bytes = null;
        string? sha256;
        IngestError? error;
        // A file for a worker is read there: here only its hash is needed (streamed, not held).
        if (_workers is not null && WorkerRouting.ForWorker(path)) (sha256, error) = WorkerFiles.HashFile(id, path, options);
        else
        {
            (bytes, error) = ReadFile(id, path, options);
            sha256 = bytes is null ? null : Hashing.Sha256Hex(bytes);
        }
        if (error is not null) return new(null, error, false);
        if (earlierCopy?.Invoke(sha256!) is { } earlier) return Copy(earlier, sha256!);
        var key = CacheEntry.Key(id, sha256!, Identity.Fingerprint);
        if (!force && CacheEntry.Read(cache, key, id) is { } hit) return new(hit, null, true, key);
        var outcome = Process(id, path, bytes!, options);
        if (outcome.Document is null) return outcome;
        // The key covers the bytes, configuration, model and code: an existing entry (after --force) already holds this result.
        return outcome with { CacheKey = key, NewEntry = cache.Contains(key) ? null : JsonSerializer.SerializeToUtf8Bytes(outcome.Document, CacheJsonContext.Relaxed.CachedDocument) };
    }

    private FileOutcome Process(string id, string path, IngestOptions options, Func<string, string?>? earlierCopy = null)
    {
        // Without the cache a worker's file is not hashed here: a copy of it is mined and then listed as a duplicate.
        if (_workers is not null && WorkerRouting.ForWorker(path)) return Process(id, path, null!, options);
        var (bytes, error) = ReadFile(id, path, options);
        if (error is not null) return new(null, error, false);
        if (earlierCopy is not null && Hashing.Sha256Hex(bytes!) is var sha && earlierCopy(sha) is { } earlier) return Copy(earlier, sha);
        return Process(id, path, bytes!, options);
    }

    /// <summary>The file's bytes, or why not: an unlistable folder, empty or too large (checked before reading), or unreadable.</summary>
    private static (byte[]? Bytes, IngestError? Error) ReadFile(string id, string path, IngestOptions options)
    {
        try
        {
            // Not opened when empty: a FIFO or device (length 0) would block the read.
            if (WorkerFiles.Precheck(id, new FileInfo(path), options) is { } refused) return (null, refused);
            return (File.ReadAllBytes(path), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new IngestError(id, "read", ex.Message));
        }
    }

    /// <summary>One file mined in this process, as a worker does it: its result or its error.</summary>
    internal (CachedDocument? Document, IngestError? Error) MineInProcess(string id, string path, IngestOptions options)
    {
        var outcome = Process(id, path, options);
        return (outcome.Document, outcome.Error);
    }

    private FileOutcome Process(string id, string path, byte[] bytes, IngestOptions options)
    {
        if (_workers is not null && (bytes is null || !WorkerRouting.InProcess(_readers, bytes, Path.GetExtension(path))))
        {
            var (doc, error) = _workers.Mine(id, path);
            return new(doc, error, false, null);
        }
        var read = _readers.Read(id, bytes, Path.GetExtension(path), options);
        if (!read.Success) return new(null, read.Error, false, null);
        try
        {
            var result = _pipeline.Process(read.Document!);
            var doc = new CachedDocument(id, result.Source.Format, result.Source.Sha256,
                result.Reports.Select(r => new CachedReport(r.Report with { Sections = [] }, r.County, r.Mentions.ToList())).ToList(), result.Source.Ocr);
            return new(doc, null, false, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new(null, new IngestError(id, "extract", $"{ex.GetType().Name}: {ex.Message}"), false, null);
        }
    }

}
