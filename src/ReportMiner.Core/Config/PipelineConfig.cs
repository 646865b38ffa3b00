using ReportMiner.Ingest;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ReportMiner.Config;

/// <summary>
/// The contents of <c>pipeline.yaml</c>: stages, limits and the indicator taxonomy.
/// Relative paths inside the file are resolved against the file's folder by <see cref="Load"/>.
/// </summary>
public sealed class PipelineConfig
{
    private IngestSection _ingest = new();

    public IngestSection Ingest { get => _ingest; init => _ingest = value; }
    public Normalise.TextNormalizerOptions Normalise { get; init; } = new();
    public SegmenterSection Segmenter { get; init; } = new();
    public ClassifierSection Classifier { get; init; } = new();
    public CountySection County { get; init; } = new();
    public OutputSection Output { get; init; } = new();
    public ExtractionSection Extraction { get; init; } = new();

    /// <summary>Folder of the loaded file; relative paths are resolved against it.</summary>
    [YamlIgnore] public string BaseDirectory { get; private set; } = Directory.GetCurrentDirectory();

    /// <summary>Path of the loaded file.</summary>
    [YamlIgnore] public string? SourcePath { get; private set; }

    /// <summary>SHA-256 of the file's bytes (part of the incremental-run cache key).</summary>
    [YamlIgnore] public string Sha256 { get; private set; } = "";

    /// <summary>A copy with other reader limits (for callers that override the file's limits).</summary>
    public PipelineConfig WithIngest(IngestSection ingest)
    {
        var copy = (PipelineConfig)MemberwiseClone();
        copy._ingest = ingest;
        return copy;
    }

    /// <summary>Resolves a path from the file against <see cref="BaseDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(BaseDirectory, path));

    public static ConfigLoadResult Load(string path)
    {
        string yaml;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
            yaml = System.Text.Encoding.UTF8.GetString(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ConfigLoadResult.Fail($"{path}: cannot read: {ex.Message}");
        }
        PipelineConfig? config;
        try
        {
            config = Deserializer.Deserialize<PipelineConfig>(yaml);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            return ConfigLoadResult.Fail($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }
        config ??= new PipelineConfig();
        config.BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        config.SourcePath = Path.GetFullPath(path);
        config.Sha256 = ReportMiner.Ingest.Hashing.Sha256Hex(bytes);
        var problems = config.Validate();
        return problems.Count == 0 ? ConfigLoadResult.Ok(config) : ConfigLoadResult.Fail($"{path}: " + string.Join("; ", problems));
    }

    /// <summary>
    /// Finds the shipped <c>pipeline.yaml</c>: next to the executable or in one of its
    /// parent folders (the repo's, when run as <c>bin/reportminer</c>).
    /// </summary>
    public static string? FindDefault()
    {
        var env = Environment.GetEnvironmentVariable("REPORTMINER_CONFIG");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "pipeline.yaml");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private List<string> Validate()
    {
        var problems = new List<string>();
        if (Ingest.MaxFileBytes <= 0) problems.Add("ingest.max_file_bytes must be positive");
        if (Ingest.MaxPages <= 0) problems.Add("ingest.max_pages must be positive");
        if (Ingest.TimeoutSeconds <= 0) problems.Add("ingest.timeout_seconds must be positive");
        foreach (var table in Output.Tables)
            if (table is not ("csv" or "xlsx" or "sqlite")) problems.Add($"output.tables: unknown format '{table}' (csv, xlsx, sqlite)");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ind in Extraction.Indicators)
        {
            if (string.IsNullOrWhiteSpace(ind.Id)) problems.Add("an indicator has no id");
            else if (!seen.Add(ind.Id)) problems.Add($"indicator '{ind.Id}' is defined twice");
            if (ind.Triggers.Count == 0 && ind.Patterns.Count == 0) problems.Add($"indicator '{ind.Id}' has no triggers or patterns");
            foreach (var pattern in ind.Patterns)
            {
                try { _ = new System.Text.RegularExpressions.Regex(pattern); }
                catch (ArgumentException ex) { problems.Add($"indicator '{ind.Id}': bad pattern '{pattern}': {ex.Message}"); }
            }
            if (ind.Unit is not ("CNY" or "count" or "persons" or "percent")) problems.Add($"indicator '{ind.Id}': unit must be CNY, count, persons or percent");
        }
        return problems;
    }

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();
}

/// <summary>Outcome of <see cref="PipelineConfig.Load"/>.</summary>
public readonly record struct ConfigLoadResult(PipelineConfig? Config, string? Error)
{
    public static ConfigLoadResult Ok(PipelineConfig config) => new(config, null);
    public static ConfigLoadResult Fail(string error) => new(null, error);
}

public sealed class IngestSection
{
    /// <summary>File extensions a batch picks up (others under the input folder are ignored).</summary>
    public List<string> Extensions { get; init; } = [".txt", ".pdf", ".docx", ".doc", ".wps"];
    public long MaxFileBytes { get; init; } = 200L * 1024 * 1024;
    public int MaxPages { get; init; } = 2000;
    public long MaxDecompressedBytes { get; init; } = 512L * 1024 * 1024;
    public int TimeoutSeconds { get; init; } = 120;
    /// <summary>Path of LibreOffice's soffice for .doc/.wps; null looks it up on PATH.</summary>
    public string? Soffice { get; init; }

    /// <summary>The reader limits this section sets.</summary>
    public IngestOptions ToOptions() => new()
    {
        MaxFileBytes = MaxFileBytes,
        MaxPages = MaxPages,
        MaxDecompressedBytes = MaxDecompressedBytes,
        SofficePath = Soffice,
        TimeoutSeconds = TimeoutSeconds,
    };
}

public sealed class SegmenterSection
{
    /// <summary>Folder of the converted jieba dictionary and HMM model.</summary>
    public string Model { get; init; } = "models/jieba";
    /// <summary>User dictionaries in jieba's format (word [freq] [tag]), loaded in order.</summary>
    public List<string> UserDictionaries { get; init; } = [];
    public bool Hmm { get; init; } = true;
}

public sealed class ClassifierSection
{
    /// <summary>ML.NET model; when the file is absent the pipeline uses rules alone.</summary>
    public string Model { get; init; } = "models/classifier.zip";
    public bool Enabled { get; init; } = true;
}

public sealed class CountySection
{
    /// <summary>GB/T 2260 gazetteer (provinces, prefectures, county-level units with codes).</summary>
    public string Gazetteer { get; init; } = "models/gazetteer/gb2260.tsv";
}

public sealed class OutputSection
{
    /// <summary>Tables that <c>run</c> writes beside the county JSON: any of csv, xlsx, sqlite.</summary>
    public List<string> Tables { get; init; } = [];
}

public sealed class ExtractionSection
{
    /// <summary>Most characters between a trigger and its figure inside one clause.</summary>
    public int MaxGap { get; init; } = 24;
    /// <summary>Words that may open a clause that continues the previous figure's subject.</summary>
    public List<string> Continuation { get; init; } = [];
    /// <summary>Words that may end a short clause leading into the figure ("泉州市入选336名").</summary>
    public List<string> ContinuationEnd { get; init; } = [];
    /// <summary>
    /// Sub-populations a figure may cover, by the scope written in the output: a figure whose
    /// clause names one of the words gets that scope (规上工业企业 for 规上工业研发费).
    /// </summary>
    public Dictionary<string, List<string>> Scopes { get; init; } = [];
    /// <summary>Counted things that are not indicators (孵化器, 平台 …): between trigger and figure they void the pairing.</summary>
    public List<string> ForeignNouns { get; init; } = [];
    /// <summary>Cue words, by what they mark.</summary>
    public CueSection Cues { get; init; } = new();
    /// <summary>Tables flattened one cell per line under a label line (year series).</summary>
    public LabelBlockSection LabelBlocks { get; init; } = new();
    /// <summary>Lists whose introduction names a goal ("主要目标是:", "到2025年要实现以下目标:"): what they govern is a target.</summary>
    public GoalListSection GoalLists { get; init; } = new();
    public List<IndicatorRule> Indicators { get; init; } = [];
}

/// <summary>How far a flattened table's cells may stand from their label line.</summary>
public sealed class LabelBlockSection
{
    /// <summary>Lines looked at above a cell for its label (cells and row labels in between).</summary>
    public int MaxLines { get; init; } = 40;
    /// <summary>Longest row label (no digits, no punctuation) that may stand between cells: "和平区".</summary>
    public int MaxRowLabel { get; init; } = 10;
    /// <summary>Bracket pairs that mark a cell as an estimate (预计数), read as a target: "[]", "【】".</summary>
    public List<string> EstimateBrackets { get; init; } = [];
}

/// <summary>A list introduced by a goal: everything it governs is a target.</summary>
public sealed class GoalListSection
{
    /// <summary>Words that, in a line or clause ending with a colon, introduce goals (目标, 要实现 …).</summary>
    public List<string> Intro { get; init; } = [];
    /// <summary>Words that, in the same introduction, report results instead (完成情况 …).</summary>
    public List<string> IntroBlockers { get; init; } = [];
    /// <summary>Most lines a goal list may govern after its introduction.</summary>
    public int MaxLines { get; init; } = 30;
}

public sealed class CueSection
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
}

/// <summary>One indicator of the taxonomy: how it is written and what does not count.</summary>
public sealed class IndicatorRule
{
    public string Id { get; init; } = "";
    /// <summary>Unit of the value: CNY, count, persons or percent.</summary>
    public string Unit { get; init; } = "";
    /// <summary>Words that name the indicator (matched case-insensitively for Latin letters).</summary>
    public List<string> Triggers { get; init; } = [];
    /// <summary>Regular expressions that name the indicator (for names spread over a phrase).</summary>
    public List<string> Patterns { get; init; } = [];
    /// <summary>Longer phrases that contain a trigger but name something else (高成长科技型企业).</summary>
    public List<string> Blockers { get; init; } = [];
    /// <summary>Words that, in the figure's clause, mean it is something else.</summary>
    public List<string> Exclude { get; init; } = [];
    /// <summary>Words that exclude a figure only when it is a target (力争培育… are candidates).</summary>
    public List<string> ExcludeTarget { get; init; } = [];
    /// <summary>If set, one of these must stand in the figure's clause (争取/到位 for funds from above).</summary>
    public List<string> Require { get; init; } = [];
    /// <summary>Whether total/new/applied qualifiers apply (enterprise counts).</summary>
    public bool Qualifiers { get; init; }
    /// <summary>Whether a bare number (a lost % sign) may be the value.</summary>
    public bool AllowBare { get; init; }
}
