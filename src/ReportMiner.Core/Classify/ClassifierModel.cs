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
    public float L1 { get; init; }
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
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <summary>The label of a figure that is not a mention.</summary>
    public const string None = "none";

    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly byte[] _indicatorZip, _statusZip;

    private ClassifierModel(byte[] indicatorZip, byte[] statusZip, LinearHead indicator, LinearHead status, ClassifierOptions options, int examples)
    {
        _indicatorZip = indicatorZip;
        _statusZip = statusZip;
        IndicatorHead = indicator;
        StatusHead = status;
        Options = options;
        Examples = examples;
    }

    /// <summary>The indicator head as weights (thread-safe; no ML.NET call per prediction).</summary>
    internal LinearHead IndicatorHead { get; }
    /// <summary>The status head as weights.</summary>
    internal LinearHead StatusHead { get; }
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
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>()).Schema;
        return new ClassifierModel(Save(ml, indicator, schema), Save(ml, status, schema), LinearHead.From(indicator), LinearHead.From(status), options, pairs.Count);
    }

    private static Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer Head(MLContext ml, string label, ClassifierOptions options) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = label,
            FeatureColumnName = nameof(FeatureRow.Features),
            L1Regularization = options.L1,
            L2Regularization = options.L2,
            NumberOfThreads = 1,
            OptimizationTolerance = 1e-5f,
        });

    /// <summary>ML.NET prediction engines over the saved ML.NET models (the reference the fast heads are tested against). Not thread-safe.</summary>
    internal (PredictionEngine<FeatureRow, HeadPrediction> Indicator, PredictionEngine<FeatureRow, HeadPrediction> Status) CreateEngines()
    {
        var ml = new MLContext(seed: 1);
        var indicator = ml.Model.Load(new MemoryStream(_indicatorZip), out _);
        var status = ml.Model.Load(new MemoryStream(_statusZip), out _);
        return (ml.Model.CreatePredictionEngine<FeatureRow, HeadPrediction>(indicator, ignoreMissingColumns: true),
            ml.Model.CreatePredictionEngine<FeatureRow, HeadPrediction>(status, ignoreMissingColumns: true));
    }

    /// <summary>
    /// The model as zip bytes (deterministic for the same training data): the two ML.NET models,
    /// the same heads as plain weights (what a run reads), and <c>meta.json</c>.
    /// </summary>
    public byte[] ToBytes()
    {
        using var outer = new MemoryStream();
        using (var zip = new ZipArchive(outer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Put(zip, "indicator.zip", _indicatorZip);
            Put(zip, "status.zip", _statusZip);
            Put(zip, "indicator.head", IndicatorHead.ToBytes());
            Put(zip, "status.head", StatusHead.ToBytes());
            var meta = new Dictionary<string, object>
            {
                ["format"] = "reportminer/classifier/v1",
                ["features_version"] = MentionFeatures.Version,
                ["feature_space_bits"] = FeatureSpace.Bits,
                ["examples"] = Examples,
                ["keep_threshold"] = Options.KeepThreshold,
                ["recover_threshold"] = Options.RecoverThreshold,
                ["status_threshold"] = Options.StatusThreshold,
                ["l1"] = Options.L1,
                ["l2"] = Options.L2,
            };
            Put(zip, "meta.json", JsonSerializer.SerializeToUtf8Bytes(meta, IndentedJson));
        }
        return outer.ToArray();
    }

    /// <summary>Reads a model written by <see cref="ToBytes"/> (without loading ML.NET).</summary>
    /// <exception cref="InvalidDataException">The file is not a classifier model of this version.</exception>
    public static ClassifierModel FromBytes(byte[] bytes)
    {
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
        var options = new ClassifierOptions
        {
            KeepThreshold = root.GetProperty("keep_threshold").GetDouble(),
            RecoverThreshold = root.GetProperty("recover_threshold").GetDouble(),
            StatusThreshold = root.GetProperty("status_threshold").GetDouble(),
            L1 = root.GetProperty("l1").GetSingle(),
            L2 = root.GetProperty("l2").GetSingle(),
        };
        return new ClassifierModel(Entry("indicator.zip"), Entry("status.zip"), LinearHead.FromBytes(Entry("indicator.head")),
            LinearHead.FromBytes(Entry("status.head")), options, root.GetProperty("examples").GetInt32());
    }

    /// <summary>Short hash of model bytes, for cache keys.</summary>
    public static string Fingerprint(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];

    private static byte[] Save(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var m = new MemoryStream();
        ml.Model.Save(model, schema, m);
        return Normalise(m.ToArray());
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

/// <summary>
/// A trained logistic-regression head as plain numbers: weights, bias and the Platt
/// calibrator's slope and offset (P = 1 / (1 + exp(slope·score + offset))). Scoring a sparse
/// row is a dot product over its non-zero slots: no ML.NET call per prediction, thread-safe.
/// </summary>
internal sealed class LinearHead
{
    private readonly float[] _weights;
    private readonly float _bias;
    private readonly double _slope, _offset;

    private LinearHead(float[] weights, float bias, double slope, double offset)
    {
        _weights = weights;
        _bias = bias;
        _slope = slope;
        _offset = offset;
    }

    /// <summary>Reads the parts out of a trained ML.NET calibrated linear model.</summary>
    /// <exception cref="InvalidDataException">The transformer is not a calibrated linear binary model.</exception>
    public static LinearHead From(ITransformer transformer)
    {
        var model = (transformer as ISingleFeaturePredictionTransformer<object>)?.Model
            ?? throw new InvalidDataException("classifier head is not a prediction transformer");
        // SubModel/Calibrator exist on the generic and non-generic bases alike: take the first that holds a value.
        object? Part(string name) => model.GetType().GetProperties().Where(p => p.Name == name && p.GetIndexParameters().Length == 0)
            .Select(p => p.GetValue(model)).FirstOrDefault(v => v is not null);
        if (Part("SubModel") is not Microsoft.ML.Trainers.LinearBinaryModelParameters linear || Part("Calibrator") is not Microsoft.ML.Calibrators.PlattCalibrator platt)
            throw new InvalidDataException($"classifier head is a {model.GetType().Name}, not a calibrated linear model");
        var weights = new float[FeatureSpace.Size];
        int n = Math.Min(weights.Length, linear.Weights.Count);
        for (int i = 0; i < n; i++) weights[i] = linear.Weights[i];
        return new LinearHead(weights, linear.Bias, platt.Slope, platt.Offset);
    }

    /// <summary>Bias, slope, offset, then the non-zero weights as (slot, weight), little-endian.</summary>
    public byte[] ToBytes()
    {
        using var m = new MemoryStream();
        using (var w = new BinaryWriter(m))
        {
            w.Write(_weights.Length);
            w.Write(_bias);
            w.Write(_slope);
            w.Write(_offset);
            int nonZero = _weights.Count(x => x != 0);
            w.Write(nonZero);
            for (int i = 0; i < _weights.Length; i++)
                if (_weights[i] != 0) { w.Write(i); w.Write(_weights[i]); }
        }
        return m.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a head of this feature space.</exception>
    public static LinearHead FromBytes(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        int size = r.ReadInt32();
        if (size != FeatureSpace.Size) throw new InvalidDataException($"classifier head has {size} weights, this build hashes into {FeatureSpace.Size}: retrain it (make train)");
        float bias = r.ReadSingle();
        double slope = r.ReadDouble(), offset = r.ReadDouble();
        int nonZero = r.ReadInt32();
        var weights = new float[size];
        for (int k = 0; k < nonZero; k++)
        {
            int i = r.ReadInt32();
            if ((uint)i >= (uint)size) throw new InvalidDataException("classifier head: weight index out of range");
            weights[i] = r.ReadSingle();
        }
        return new LinearHead(weights, bias, slope, offset);
    }

    /// <summary>Probability of the positive class for <paramref name="features"/>.</summary>
    public double Probability(in VBuffer<float> features) => Probability(Score(features));

    /// <summary>Probability of the positive class for a raw score (Platt).</summary>
    public double Probability(double score) => 1 / (1 + Math.Exp(_slope * score + _offset));

    /// <summary>Bias plus the dot product with the weights.</summary>
    public double Score(in VBuffer<float> features) => _bias + Dot(features);

    /// <summary>Dot product with the weights (no bias).</summary>
    public double Dot(in VBuffer<float> features)
    {
        double score = 0;
        var values = features.GetValues();
        if (features.IsDense)
        {
            for (int i = 0; i < values.Length; i++) score += _weights[i] * values[i];
        }
        else
        {
            var indices = features.GetIndices();
            for (int i = 0; i < values.Length; i++) score += _weights[indices[i]] * values[i];
        }
        return score;
    }
}
