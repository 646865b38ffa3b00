namespace ReportMiner.Segment;

/// <summary>The segmentation stage's options (the <c>segmenter</c> section of <c>pipeline.yaml</c>, paths resolved).</summary>
/// <param name="ModelDirectory">Folder of the converted jieba dictionary and HMM model.</param>
/// <param name="UserDictionaries">User dictionaries in jieba's format, loaded in order.</param>
/// <param name="Hmm">Whether unknown words are segmented with the HMM.</param>
public sealed record SegmenterOptions(string ModelDirectory, IReadOnlyList<string> UserDictionaries, bool Hmm);
