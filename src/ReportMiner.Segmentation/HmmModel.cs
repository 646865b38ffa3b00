namespace ReportMiner.Segmentation;

/// <summary>
/// jieba's finalseg HMM (states B, E, M, S — here numbered 0..3 in that alphabetical order, so
/// a larger index is a larger state letter, which is how jieba's max() breaks ties).
/// Emission log-probabilities are a dense table for U+4E00..U+9FD5, the only characters
/// finalseg's Viterbi ever sees; absent entries hold jieba's MIN_FLOAT (-3.14e100).
/// </summary>
internal sealed class HmmModel
{
    internal const double MinFloat = -3.14e100;
    internal const char HanFirst = '\u4E00';
    internal const char HanLast = '\u9FD5';
    internal const int B = 0, E = 1, M = 2, S = 3;
    internal const string StateLetters = "BEMS";

    /// <summary>Start log-probabilities by state.</summary>
    internal readonly double[] Start = new double[4];

    /// <summary>Transition log-probabilities [from * 4 + to]; absent = MIN_FLOAT.</summary>
    internal readonly double[] Trans = new double[16];

    /// <summary>Emission log-probabilities [(c - U+4E00) * 4 + state].</summary>
    internal readonly double[] Emit = new double[(HanLast - HanFirst + 1) * 4];

    /// <summary>Every emission entry of the source model (including characters outside the dense range), for round trips.</summary>
    internal readonly List<(int State, char Char, double LogP)> EmitEntries = [];

    internal HmmModel()
    {
        Array.Fill(Trans, MinFloat);
        Array.Fill(Emit, MinFloat);
    }

    internal void AddEmit(int state, char c, double logP)
    {
        EmitEntries.Add((state, c, logP));
        if (c >= HanFirst && c <= HanLast) Emit[(c - HanFirst) * 4 + state] = logP;
    }
}
