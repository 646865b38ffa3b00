using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ReportMiner.Classify;

/// <summary>What a head predicts for a row.</summary>
public sealed class HeadPrediction
{
    /// <summary>Probability of the positive class (the proposal is right; the figure is a target).</summary>
    public float Probability { get; set; }
}

/// <summary>Training settings; they are stored in the model so a run reads them back.</summary>
public sealed record ClassifierOptions
{
    /// <summary>Keep the rules' indicator while its probability reaches this (below it, veto).</summary>
    public double KeepThreshold { get; init; } = 0.5;
    /// <summary>Give an indicator the rules did not choose only when its probability reaches this.</summary>
    public double RecoverThreshold { get; init; } = 0.5;
    /// <summary>Overrule the rules' status only when the status head's probability for the other status reaches this.</summary>
    public double StatusThreshold { get; init; } = 0.5;
    public float L1 { get; init; } = 0f;
    public float L2 { get; init; } = 1f;
}

/// <summary>
/// The two trained heads and their settings: the indicator head scores each (figure, proposed
/// indicator) pair, the status head reads actual or target. Saved
/// as one zip: <c>indicator.zip</c> and <c>status.zip</c> (ML.NET models) and <c>meta.json</c>.
/// Training is deterministic: <c>MLContext(seed: 1)</c>, one thread, examples in document order;
/// zip entries carry a fixed timestamp, so retraining on the same data gives the same bytes.
/// </summary>
public sealed class ClassifierModel
{
    /// <summary>The label of a figure that is not a mention.</summary>
    public const string None = "none";

    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ClassifierModel(MLContext ml, ITransformer indicator, ITransformer status, ClassifierOptions options, int examples)
    {
        Context = ml;
        Indicator = indicator;
        Status = status;
        Options = options;
        Examples = examples;
    }

    internal MLContext Context { get; }
    internal ITransformer Indicator { get; }
    internal ITransformer Status { get; }
    public ClassifierOptions Options { get; }
    /// <summary>Number of training pairs of the indicator head.</summary>
    public int Examples { get; }

    /// <summary>Trains both heads (rows are used in the given order).</summary>
    /// <param name="pairs">(figure, proposed indicator) rows labelled with <see cref="FeatureRow.IsMatch"/>.</param>
    /// <param name="mentions">Rows of figures that are gold mentions, labelled with <see cref="FeatureRow.IsTarget"/>.</param>
    /// <param name="options">Regularisation and decision thresholds.</param>
    public static ClassifierModel Train(IReadOnlyList<FeatureRow> pairs, IReadOnlyList<FeatureRow> mentions, ClassifierOptions? options = null)
    {
        options ??= new ClassifierOptions();
        if (pairs.Select(r => r.IsMatch).Distinct().Count() < 2)
            throw new InvalidOperationException("training data needs right and wrong proposals");
        if (mentions.Select(r => r.IsTarget).Distinct().Count() < 2)
            throw new InvalidOperationException("training data needs mentions of both statuses (actual and target)");
        var ml = new MLContext(seed: 1);
        var indicator = Head(ml, nameof(FeatureRow.IsMatch), options).Fit(ml.Data.LoadFromEnumerable(pairs));
        var status = Head(ml, nameof(FeatureRow.IsTarget), options).Fit(ml.Data.LoadFromEnumerable(mentions));
        return new ClassifierModel(ml, indicator, status, options, pairs.Count);
    }

    private static IEstimator<ITransformer> Head(MLContext ml, string label, ClassifierOptions options) =>
        Featurize(ml).Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = label,
            FeatureColumnName = "Features",
            L1Regularization = options.L1,
            L2Regularization = options.L2,
            NumberOfThreads = 1,
            OptimizationTolerance = 1e-5f,
        }));

    /// <summary>Bits of the hashed feature space of each bag (no vocabulary is stored, so the model stays small).</summary>
    public const int HashBits = 14;

    private static IEstimator<ITransformer> Featurize(MLContext ml) =>
        ml.Transforms.Text.TokenizeIntoWords("SymTokens", nameof(FeatureRow.Symbols), [' '])
            .Append(ml.Transforms.Conversion.Hash("SymHash", "SymTokens", numberOfBits: HashBits))
            .Append(ml.Transforms.Conversion.MapKeyToVector("SymBag", "SymHash", outputCountVector: true))
            .Append(ml.Transforms.Text.TokenizeIntoWords("CtxTokens", nameof(FeatureRow.Context), [' ']))
            .Append(ml.Transforms.Conversion.Hash("CtxHash", "CtxTokens", numberOfBits: HashBits))
            .Append(ml.Transforms.Conversion.MapKeyToVector("CtxBag", "CtxHash", outputCountVector: true))
            .Append(ml.Transforms.NormalizeLpNorm("CtxNorm", "CtxBag"))
            .Append(ml.Transforms.Concatenate("Features", "SymBag", "CtxNorm"));

    /// <summary>A prediction engine for each head. Not thread-safe: one pair per thread.</summary>
    internal (PredictionEngine<FeatureRow, HeadPrediction> Indicator, PredictionEngine<FeatureRow, HeadPrediction> Status) CreateEngines()
        => (Context.Model.CreatePredictionEngine<FeatureRow, HeadPrediction>(Indicator, ignoreMissingColumns: true),
            Context.Model.CreatePredictionEngine<FeatureRow, HeadPrediction>(Status, ignoreMissingColumns: true));

    /// <summary>The model as zip bytes (deterministic for the same training data).</summary>
    public byte[] ToBytes()
    {
        var schema = Context.Data.LoadFromEnumerable(Array.Empty<FeatureRow>()).Schema;
        using var outer = new MemoryStream();
        using (var zip = new ZipArchive(outer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Put(zip, "indicator.zip", Normalise(Save(Indicator, schema)));
            Put(zip, "status.zip", Normalise(Save(Status, schema)));
            var meta = new Dictionary<string, object>
            {
                ["format"] = "reportminer/classifier/v1",
                ["features_version"] = MentionFeatures.Version,
                ["examples"] = Examples,
                ["keep_threshold"] = Options.KeepThreshold,
                ["recover_threshold"] = Options.RecoverThreshold,
                ["status_threshold"] = Options.StatusThreshold,
                ["l1"] = Options.L1,
                ["l2"] = Options.L2,
            };
            Put(zip, "meta.json", JsonSerializer.SerializeToUtf8Bytes(meta, new JsonSerializerOptions { WriteIndented = true }));
        }
        return outer.ToArray();
    }

    /// <summary>Reads a model written by <see cref="ToBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a classifier model of this version.</exception>
    public static ClassifierModel FromBytes(byte[] bytes)
    {
        var ml = new MLContext(seed: 1);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        byte[] Entry(string name)
        {
            var e = zip.GetEntry(name) ?? throw new InvalidDataException($"classifier model has no {name}");
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        }
        using var meta = JsonDocument.Parse(Entry("meta.json"));
        var root = meta.RootElement;
        int version = root.GetProperty("features_version").GetInt32();
        if (version != MentionFeatures.Version)
            throw new InvalidDataException($"classifier model was trained with features v{version}, this build computes v{MentionFeatures.Version}: retrain it (make train)");
        var indicator = ml.Model.Load(new MemoryStream(Entry("indicator.zip")), out _);
        var status = ml.Model.Load(new MemoryStream(Entry("status.zip")), out _);
        var options = new ClassifierOptions
        {
            KeepThreshold = root.GetProperty("keep_threshold").GetDouble(),
            RecoverThreshold = root.GetProperty("recover_threshold").GetDouble(),
            StatusThreshold = root.GetProperty("status_threshold").GetDouble(),
            L1 = root.GetProperty("l1").GetSingle(),
            L2 = root.GetProperty("l2").GetSingle(),
        };
        return new ClassifierModel(ml, indicator, status, options, root.GetProperty("examples").GetInt32());
    }

    /// <summary>Short hash of model bytes, for cache keys.</summary>
    public static string Fingerprint(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];

    private byte[] Save(ITransformer model, DataViewSchema schema)
    {
        using var m = new MemoryStream();
        Context.Model.Save(model, schema, m);
        return m.ToArray();
    }

    /// <summary>Rewrites a zip with entries in name order and a fixed timestamp.</summary>
    private static byte[] Normalise(byte[] zipBytes)
    {
        using var input = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        using var outer = new MemoryStream();
        using (var output = new ZipArchive(outer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in input.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                Put(output, e.FullName, m.ToArray());
            }
        }
        return outer.ToArray();
    }

    private static void Put(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = FixedTime;
        using var s = entry.Open();
        s.Write(bytes);
    }
}
