using ReportMiner.Structure;

namespace ReportMiner.Extract;

/// <summary>
/// Decides what each rule candidate is (which indicator or none, actual or target). The
/// rules propose with high recall; a classifier may overrule them.
/// </summary>
public interface IMentionClassifier
{
    /// <summary>Identifies the model (e.g. a hash of its file), for the incremental cache key.</summary>
    string Fingerprint { get; }

    /// <summary>Returns the candidates with <see cref="Candidate.Indicator"/>, status, method and confidence decided.</summary>
    IReadOnlyList<Candidate> Decide(string text, Report report, IReadOnlyList<Candidate> candidates);
}
