namespace ReportMiner.Eval;

/// <summary>A mention reduced to what scoring compares, from gold or from predictions.</summary>
/// <param name="Document">File name without extension (a.txt, a.pdf and a.docx are one report).</param>
public sealed record ScoredMention(string Document, string Indicator, string Status, double Value, string? Qualifier, string? Period, string? County);
