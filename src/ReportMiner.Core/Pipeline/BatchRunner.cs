using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ReportMiner.County;
using ReportMiner.Ingest;
using ReportMiner.Output;

namespace ReportMiner.Pipeline;

/// <summary>What to mine and where to write it.</summary>
public sealed record BatchOptions(string InputDirectory, string OutputDirectory);

/// <summary>What a batch did.</summary>
public sealed record BatchSummary(int Files, int Reports, int Mentions, int Errors, int Counties, TimeSpan Elapsed);

/// <summary>
/// Runs the pipeline over every report file under a folder and writes one JSON file per
/// county plus <c>errors.jsonl</c>. A file that fails is reported and the batch goes on.
/// Output is sorted and written atomically, so two runs give identical bytes.
/// </summary>
public sealed class BatchRunner
{
    private readonly ReportPipeline _pipeline;
    private readonly ReaderRegistry _readers;
    private readonly TextWriter _log;

    public BatchRunner(ReportPipeline pipeline, ReaderRegistry readers, TextWriter log)
    {
        _pipeline = pipeline;
        _readers = readers;
        _log = log;
    }

    /// <summary>Report files under <paramref name="root"/>, as (id, full path), in ordinal order of id.</summary>
    public static List<(string Id, string Path)> EnumerateInputs(string root, IReadOnlyCollection<string> extensions)
    {
        var exts = new HashSet<string>(extensions, StringComparer.OrdinalIgnoreCase);
        var files = new List<(string, string)>();
        var opts = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var path in Directory.EnumerateFiles(root, "*", opts))
        {
            if (!exts.Contains(Path.GetExtension(path))) continue;
            var id = Path.GetRelativePath(root, path).Replace('\\', '/');
            files.Add((id, path));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }

    public BatchSummary Run(BatchOptions options)
    {
        var clock = Stopwatch.StartNew();
        var config = _pipeline.Config;
        var inputs = EnumerateInputs(options.InputDirectory, config.Ingest.Extensions);
        var ingestOptions = new IngestOptions
        {
            MaxFileBytes = config.Ingest.MaxFileBytes,
            MaxPages = config.Ingest.MaxPages,
            MaxDecompressedBytes = config.Ingest.MaxDecompressedBytes,
            SofficePath = config.Ingest.Soffice,
            TimeoutSeconds = config.Ingest.TimeoutSeconds,
        };
        var byCounty = new SortedDictionary<string, (CountyRef County, List<CountyEntry> Entries)>(StringComparer.Ordinal);
        var errors = new List<IngestError>();
        int reports = 0, mentions = 0;
        foreach (var (id, path) in inputs)
        {
            var result = ReadAndProcess(id, path, ingestOptions);
            if (result.Error is not null)
            {
                errors.Add(result.Error);
                _log.WriteLine($"error: {result.Error.Document}: {result.Error.Stage}: {result.Error.Reason}");
                continue;
            }
            var doc = result.Document!;
            foreach (var r in doc.Reports)
            {
                var key = CountyKey.Sanitize(r.County.Key);
                if (!byCounty.TryGetValue(key, out var slot))
                    byCounty[key] = slot = (r.County with { Key = key }, []);
                slot.Entries.Add(new CountyEntry(doc.Source, r.Report, doc.Reports.Count, r.Mentions));
                reports++;
                mentions += r.Mentions.Count;
            }
        }

        var countiesDir = Path.Combine(options.OutputDirectory, "counties");
        Directory.CreateDirectory(countiesDir);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, slot) in byCounty)
        {
            var file = key + ".json";
            AtomicFile.WriteIfChanged(Path.Combine(countiesDir, file), CountyFileWriter.Serialize(slot.County, slot.Entries));
            written.Add(file);
        }
        // County files of an earlier run that this input no longer produces.
        foreach (var stale in Directory.EnumerateFiles(countiesDir, "*.json"))
            if (!written.Contains(Path.GetFileName(stale))) File.Delete(stale);

        AtomicFile.WriteIfChanged(Path.Combine(options.OutputDirectory, "errors.jsonl"), ErrorsJsonl(errors));
        return new BatchSummary(inputs.Count, reports, mentions, errors.Count, byCounty.Count, clock.Elapsed);
    }

    private (DocumentResult? Document, IngestError? Error) ReadAndProcess(string id, string path, IngestOptions options)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > options.MaxFileBytes)
                return (null, new IngestError(id, "ingest", $"file is {info.Length} bytes, over the limit of {options.MaxFileBytes} (ingest.max_file_bytes)"));
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new IngestError(id, "read", ex.Message));
        }
        var read = _readers.Read(id, bytes, Path.GetExtension(path), options);
        if (!read.Success) return (null, read.Error);
        try
        {
            return (_pipeline.Process(read.Document!), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, new IngestError(id, "extract", $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    public static byte[] ErrorsJsonl(IEnumerable<IngestError> errors)
    {
        var sb = new StringBuilder();
        foreach (var e in errors.OrderBy(e => e.Document, StringComparer.Ordinal))
        {
            sb.Append(JsonSerializer.Serialize(new Dictionary<string, string> { ["document"] = e.Document, ["stage"] = e.Stage, ["reason"] = e.Reason }, JsonOptions));
            sb.Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
