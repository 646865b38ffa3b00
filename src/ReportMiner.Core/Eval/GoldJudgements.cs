using System.Text.Json;

namespace ReportMiner.Eval;

/// <summary>A figure the gold says is not a mention of any indicator (a reviewed <c>not a figure</c>).</summary>
/// <param name="Indicator">The reading that was rejected, if the gold records it.</param>
/// <param name="Value">The figure's number as <see cref="GoldRaw"/> reads it (null when it holds none).</param>
public sealed record GoldNegative(string Raw, int Offset, string? Indicator, double? Value);

/// <summary>
/// What a gold file says beyond its mentions (the additive keys of the gold format, see
/// <c>corpus/gold/README.md</c>): its negatives, and the line ranges of reports marked
/// <c>"complete": false</c>, where only the listed mentions and negatives were judged.
/// </summary>
public sealed record DocumentJudgements(string Document, IReadOnlyList<GoldNegative> Negatives, IReadOnlyList<(int First, int Last)> PartialLines, bool PartialWithoutLines)
{
    /// <summary>True when some report of the document was judged only in part.</summary>
    public bool Partial => PartialLines.Count > 0 || PartialWithoutLines;
}

/// <summary>Reads the judgements of gold files, and restricts scoring to judged figures where the gold is partial.</summary>
public static class GoldJudgements
{
    /// <summary>The judgements of every gold file under <paramref name="dir"/> that has negatives or a partial report, by document key.</summary>
    public static Dictionary<string, DocumentJudgements> Read(string dir)
    {
        var result = new Dictionary<string, DocumentJudgements>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("reports", out var reports)) continue;
                var key = MentionSets.DocumentKey(root.GetProperty("document").GetString() ?? Path.GetFileName(path));
                var negatives = new List<GoldNegative>();
                var partial = new List<(int, int)>();
                bool partialWithoutLines = false;
                foreach (var report in reports.EnumerateArray())
                {
                    if (report.TryGetProperty("complete", out var complete) && complete.ValueKind == JsonValueKind.False)
                    {
                        if (report.TryGetProperty("lines", out var lines) && lines.GetArrayLength() == 2) partial.Add((lines[0].GetInt32(), lines[1].GetInt32()));
                        else partialWithoutLines = true;
                    }
                    if (!report.TryGetProperty("negatives", out var negs)) continue;
                    foreach (var n in negs.EnumerateArray())
                    {
                        var raw = n.GetProperty("raw").GetString()!;
                        var (value, _) = GoldRaw.Parse(raw);
                        negatives.Add(new GoldNegative(raw, n.GetProperty("offset").GetInt32(),
                            n.TryGetProperty("indicator", out var ind) && ind.ValueKind == JsonValueKind.String ? ind.GetString() : null,
                            value is decimal v ? (double)v : null));
                    }
                }
                if (negatives.Count > 0 || partial.Count > 0 || partialWithoutLines)
                    result[key] = new DocumentJudgements(key, negatives, partial, partialWithoutLines);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IOException or FormatException)
            {
                // MentionSets.ReadGold reports files that are not gold; nothing more to say here.
            }
        }
        return result;
    }

    /// <summary>
    /// The predictions to score: all of them, except in documents judged only in part, where a
    /// prediction is kept only when it is about a judged figure: a gold mention of the same
    /// indicator and value (whatever its status), or a negative of the same value. Unjudged
    /// figures are neither right nor wrong, so a sampled review scores what it looked at.
    /// </summary>
    public static List<ScoredMention> JudgedOnly(IReadOnlyList<ScoredMention> predicted, IReadOnlyList<ScoredMention> gold, IReadOnlyDictionary<string, DocumentJudgements> judgements)
    {
        var goldByDoc = gold.GroupBy(g => g.Document, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var kept = new List<ScoredMention>(predicted.Count);
        foreach (var p in predicted)
        {
            if (!judgements.TryGetValue(p.Document, out var j) || !j.Partial) { kept.Add(p); continue; }
            bool judged = goldByDoc.TryGetValue(p.Document, out var g) && g.Any(m => m.Indicator == p.Indicator && Agree(m.Value, p.Value));
            judged |= j.Negatives.Any(n => n.Value is double v && Agree(v, p.Value));
            if (judged) kept.Add(p);
        }
        return kept;
    }

    private static bool Agree(double gold, double value)
        => gold == value || (gold != 0 && Math.Abs(gold - value) <= Scorer.Tolerance * Math.Abs(gold));
}
