using Microsoft.ML.Data;

namespace ReportMiner.Classify;

/// <summary>
/// One candidate as the models see it: two bags of tokens (kept readable for debugging), the
/// hashed feature vector made from them, and the label columns.
/// </summary>
public sealed class FeatureRow
{
    /// <summary>Symbolic tokens from the rules' reading: rule indicator, nearest trigger, unit, section, cues …</summary>
    [NoColumn] public string Symbols { get; set; } = "";
    /// <summary>Character 1–3-grams of the text before (B…) and after (A…) the figure, digits folded to 0.</summary>
    [NoColumn] public string Context { get; set; } = "";
    /// <summary>Indicator id or <c>none</c> (the gold reading of the figure; for reports).</summary>
    [NoColumn] public string Label { get; set; } = "";
    /// <summary>Both bags hashed into <see cref="FeatureSpace.Size"/> slots (symbols as 0/1, context L2-normalised).</summary>
    [VectorType(FeatureSpace.Size)] public VBuffer<float> Features { get; set; }
    /// <summary>True when the proposed indicator is the gold one (indicator head).</summary>
    public bool IsMatch { get; set; }
    /// <summary>True for a target (status head).</summary>
    public bool IsTarget { get; set; }
}
