using ReportMiner.Extract;
using ReportMiner.Ingest;
using ReportMiner.Segment;
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
    public ExtractionOptions Extraction { get; init; } = new();

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

    /// <summary>The segmenter's options, with the paths resolved against <see cref="BaseDirectory"/>.</summary>
    public SegmenterOptions SegmenterOptions() => new(Resolve(Segmenter.Model), Segmenter.UserDictionaries.Select(Resolve).ToList(), Segmenter.Hmm);

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
        if (Ingest.MaxStreamOperators <= 0) problems.Add("ingest.max_stream_operators must be positive");
        if (Ingest.WorkerMemoryMb < 64) problems.Add("ingest.worker_memory_mb must be at least 64");
        if (Ingest.Ocr is not ("auto" or "off" or "force")) problems.Add($"ingest.ocr: '{Ingest.Ocr}' is not auto, off or force");
        if (Ingest.OcrLanguages.Count == 0 || Ingest.OcrLanguages.Any(l => l.Length == 0 || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
            problems.Add("ingest.ocr_languages: give one or more Tesseract language names (chi_sim, eng, …)");
        if (Ingest.OcrDpi is < 70 or > 1200) problems.Add("ingest.ocr_dpi must be between 70 and 1200");
        if (Ingest.OcrDoubtfulBelow is < 0 or > 100) problems.Add("ingest.ocr_doubtful_below must be between 0 and 100");
        foreach (var (key, patterns) in new[] { ("normalise.boilerplate_lines", Normalise.BoilerplateLines), ("normalise.watermarks", Normalise.Watermarks), ("extraction.continuation_patterns", Extraction.ContinuationPatterns) })
            foreach (var pattern in patterns)
            {
                try { _ = new System.Text.RegularExpressions.Regex(pattern); }
                catch (ArgumentException ex) { problems.Add($"{key}: bad regular expression '{pattern}': {ex.Message}; fix or remove it"); }
            }
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
            if (!IndicatorWords.TryParseUnit(ind.Unit, out _)) problems.Add($"indicator '{ind.Id}': unit must be CNY, count, persons or percent");
            if (!IndicatorWords.TryParseScoring(ind.Scoring, out _)) problems.Add($"indicator '{ind.Id}': scoring must be exact or tolerant");
        }
        return problems;
    }

    /// <summary>
    /// The data files this configuration names that are missing, each as "key: path: what to do".
    /// The jieba model, user dictionaries, traditional table and gazetteer must exist (a missing
    /// gazetteer would silently give county files named after sentence fragments); an absent
    /// classifier model means rules alone, as documented. Empty when all is there.
    /// </summary>
    public List<string> MissingFiles()
    {
        var missing = new List<string>();
        void File(string key, string? path, string what)
        {
            if (string.IsNullOrEmpty(path)) return;
            var full = Resolve(path);
            if (!System.IO.File.Exists(full)) missing.Add($"{key}: {full}: no such file; {what}");
        }
        if (!string.IsNullOrEmpty(Segmenter.Model))
        {
            var model = Resolve(Segmenter.Model);
            if (!Directory.Exists(model)) missing.Add($"segmenter.model: {model}: no such folder; point it at the jieba model folder (models/jieba; make models-jieba regenerates it)");
            else File("segmenter.model", Path.Combine(model, "dict.bin"), "the jieba model folder is incomplete; restore models/jieba (make models-jieba)");
        }
        foreach (var dict in Segmenter.UserDictionaries) File("segmenter.user_dictionaries", dict, "fix the path or remove the entry");
        File("normalise.traditional_table", Normalise.TraditionalTable, "fix the path, or set it to null to keep traditional characters");
        File("county.gazetteer", County.Gazetteer, "fix the path (models/gazetteer/gb2260.tsv), or set it to null for pattern-only county names");
        return missing;
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
    public List<string> Extensions { get; init; } = [".txt", ".pdf", ".docx", ".doc", ".wps", ".png", ".jpg", ".jpeg", ".tif", ".tiff"];
    public long MaxFileBytes { get; init; } = 200L * 1024 * 1024;
    public int MaxPages { get; init; } = 2000;
    public long MaxDecompressedBytes { get; init; } = 512L * 1024 * 1024;
    public int TimeoutSeconds { get; init; } = 120;
    /// <summary>Most operators in one PDF content stream (path and text operators of a page).</summary>
    public long MaxStreamOperators { get; init; } = 2_000_000;
    /// <summary>
    /// Memory one worker process of <c>run</c> may use for the file it mines (its managed heap, and
    /// its address space beyond the loaded pipeline); a file that needs more fails with this reason.
    /// </summary>
    public int WorkerMemoryMb { get; init; } = 512;
    /// <summary>Path of LibreOffice's soffice for .doc/.wps; null looks it up on PATH.</summary>
    public string? Soffice { get; init; }
    /// <summary>Where OCR reads pages: <c>auto</c> (pages without usable text, image files), <c>off</c>, <c>force</c> (every PDF page).</summary>
    public string Ocr { get; init; } = "auto";
    /// <summary>Tesseract languages (traineddata names), joined by '+'.</summary>
    public List<string> OcrLanguages { get; init; } = ["chi_sim"];
    /// <summary>Resolution PDF pages are rendered at for OCR.</summary>
    public int OcrDpi { get; init; } = 300;
    /// <summary>A figure whose digits Tesseract reads with a word confidence below this (0–100) is flagged <c>ocr_doubtful</c>.</summary>
    public int OcrDoubtfulBelow { get; init; } = 80;
    /// <summary>Path of tesseract; null looks it up on PATH.</summary>
    public string? Tesseract { get; init; }
    /// <summary>Path of poppler's pdftoppm; null looks it up on PATH.</summary>
    public string? Pdftoppm { get; init; }

    /// <summary><see cref="Ocr"/> as the readers take it (the value is checked when the file is loaded).</summary>
    public OcrMode OcrMode => Ocr switch { "off" => OcrMode.Off, "force" => OcrMode.Force, _ => OcrMode.Auto };

    /// <summary>The reader limits this section sets.</summary>
    public IngestOptions ToOptions() => new()
    {
        MaxFileBytes = MaxFileBytes,
        MaxPages = MaxPages,
        MaxDecompressedBytes = MaxDecompressedBytes,
        MaxStreamOperators = MaxStreamOperators,
        SofficePath = Soffice,
        TimeoutSeconds = TimeoutSeconds,
        Ocr = OcrMode,
        OcrLanguages = OcrLanguages,
        OcrDpi = OcrDpi,
        TesseractPath = Tesseract,
        PdftoppmPath = Pdftoppm,
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
    /// <summary>Options of the panel's checks (docs/exports.md).</summary>
    public PanelSection Panel { get; init; } = new();
}

public sealed class PanelSection
{
    /// <summary>A spend and the same spend as a percent of GDP: flagged where the GDP they imply is out of range. Null: no such check.</summary>
    public ShareOfGdpSection? ShareOfGdp { get; init; }

    public Panel.PanelOptions ToOptions()
        => new(ShareOfGdp is { Spend: { Length: > 0 } spend, Share: { Length: > 0 } share } g ? new Panel.ShareOfGdpCheck(spend, share, g.MinGdp, g.MaxGdp) : null);
}

public sealed class ShareOfGdpSection
{
    /// <summary>Indicator id of the spend (CNY).</summary>
    public string Spend { get; init; } = "";
    /// <summary>Indicator id of the spend as a percent of GDP.</summary>
    public string Share { get; init; } = "";
    /// <summary>Smallest GDP (CNY) the two may imply.</summary>
    public double MinGdp { get; init; } = 1e8;
    /// <summary>Largest GDP (CNY) the two may imply.</summary>
    public double MaxGdp { get; init; } = 1e13;
}
