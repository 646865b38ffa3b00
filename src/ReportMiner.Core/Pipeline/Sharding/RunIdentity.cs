namespace ReportMiner.Pipeline;

/// <summary>
/// What a batch's results depend on besides the input bytes: pipeline.yaml, the classifier model,
/// the build of the code, and the data files the pipeline loads. The cache keys its entries by
/// <see cref="Fingerprint"/>; a shard records the parts so that a merge can say which one differs.
/// </summary>
/// <param name="Config">SHA-256 of pipeline.yaml.</param>
/// <param name="Model">The classifier model's fingerprint.</param>
/// <param name="Code">Build ids of the pipeline and segmenter assemblies.</param>
/// <param name="Data">SHA-256 of the gazetteer, t2s table, user dictionaries and segmenter model files ('-' for a missing one).</param>
public sealed record RunIdentity(string Config, string Model, string Code, string Data)
{
    /// <summary>The identity of <paramref name="pipeline"/> (hashes its data files: about 15 ms).</summary>
    public static RunIdentity Of(ReportPipeline pipeline)
    {
        var config = pipeline.Config;
        var code = string.Join("|",
            typeof(ReportPipeline).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
            typeof(ReportMiner.Segmentation.JiebaSegmenter).Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        var files = new List<string?> { config.County.Gazetteer, config.Normalise.TraditionalTable };
        files.AddRange(config.Segmenter.UserDictionaries);
        if (!string.IsNullOrEmpty(config.Segmenter.Model) && Directory.Exists(config.Resolve(config.Segmenter.Model)))
        {
            var model = Directory.GetFiles(config.Resolve(config.Segmenter.Model));
            Array.Sort(model, StringComparer.Ordinal);
            files.AddRange(model);
        }
        var data = new List<string>();
        foreach (var name in files)
        {
            if (string.IsNullOrEmpty(name)) continue;
            var file = config.Resolve(name);
            data.Add(File.Exists(file) ? Ingest.Hashing.Sha256Hex(File.ReadAllBytes(file)) : "-");
        }
        return new RunIdentity(config.Sha256, pipeline.ModelFingerprint, code, string.Join("|", data));
    }

    /// <summary>The cache's fingerprint: every part in one string.</summary>
    public string Fingerprint => string.Join("|", "cache/v1", Config, Model, Code) + (Data.Length > 0 ? "|" + Data : "");

    /// <summary>The parts in which <paramref name="other"/> differs, named for people ("pipeline.yaml", "model", ...).</summary>
    public IReadOnlyList<string> Differences(RunIdentity other)
    {
        var which = new List<string>();
        if (Config != other.Config) which.Add("pipeline.yaml");
        if (Model != other.Model) which.Add("classifier model");
        if (Code != other.Code) which.Add("code version (a different build of reportminer)");
        if (Data != other.Data) which.Add("data files (gazetteer, dictionaries, t2s table or segmenter model)");
        return which;
    }
}
