using System.Text.Json;
using ReportMiner.Classify;
using ReportMiner.Eval;
using ReportMiner.Extract;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Training;

/// <summary>A gold mention with where its <c>raw</c> stands in the raw file.</summary>
public sealed record GoldMention(string Indicator, string Status, double Value, string Raw, int Offset, string? Qualifier = null, string? Period = null);

/// <summary>A rule candidate with its features and the label gold gives it.</summary>
/// <param name="Features">The candidate's own features (status head).</param>
/// <param name="Pairs">One row per proposed indicator (indicator head).</param>
/// <param name="Label">Indicator id, or <c>none</c>.</param>
/// <param name="GoldStatus">The aligned gold mention's status, or null for <c>none</c>.</param>
public sealed record LabelledCandidate(Candidate Candidate, FeatureRow Features, IReadOnlyList<FeatureRow> Pairs, string Label, MentionStatus? GoldStatus);

/// <summary>One gold-annotated document: the rules-only result and its labelled candidates.</summary>
public sealed class TrainingDocument
{
    /// <summary>Scoring key (file name without extension).</summary>
    public required string Key { get; init; }
    public required DocumentResult Result { get; init; }
    public required IReadOnlyList<GoldMention> Gold { get; init; }
    /// <summary>Eligible candidates, in document order.</summary>
    public required IReadOnlyList<LabelledCandidate> Examples { get; init; }
    /// <summary>Gold mentions no eligible candidate overlaps (out of the classifier's reach).</summary>
    public required int Unreachable { get; init; }
    /// <summary>
    /// The reports with the candidates as an earlier version of the rules decided them, for a
    /// document those rules had not been written on (<see cref="EarlierVerdicts"/>); null otherwise.
    /// Cross-validation scores them to compare rules and model where the rules are out of sample.
    /// </summary>
    public IReadOnlyList<Pipeline.ReportResult>? EarlierReports { get; init; }
}

/// <summary>
/// Builds training examples: runs the rules over every gold-annotated corpus file and labels
/// each eligible candidate by aligning it with the gold. A candidate whose raw span overlaps
/// a gold mention's <c>offset</c>/<c>raw</c> takes its indicator and status; one that repeats
/// a gold value (within the scoring tolerance) next to the same indicator's trigger takes
/// that mention's labels too (gold annotates a repeat only once); every other is <c>none</c>.
/// </summary>
public static class TrainingSet
{
    /// <summary>Loads every gold file under <paramref name="goldDir"/> whose document is under <paramref name="corpusDir"/>.</summary>
    /// <param name="pipeline">A rules-only pipeline (no classifier).</param>
    /// <param name="tokenizer">The word segmenter the features use (the pipeline's).</param>
    /// <param name="problems">Gold files that could not be used, with the reason.</param>
    public static List<TrainingDocument> Load(string goldDir, string corpusDir, ReportPipeline pipeline, Segment.ITokenizer tokenizer, List<string> problems)
    {
        var config = pipeline.Config;
        var inputs = InputFolder.Enumerate(corpusDir, config.Ingest.Extensions)
            .GroupBy(i => MentionSets.DocumentKey(i.Id), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var options = config.Ingest.ToOptions();
        var readers = ReaderRegistry.CreateDefault();
        var finder = new ProposalFinder(config.Extraction);
        var docs = new List<TrainingDocument>();
        foreach (var path in Directory.EnumerateFiles(goldDir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var (document, gold) = ReadGold(path, problems);
            if (document is null) continue;
            var key = MentionSets.DocumentKey(document);
            if (!inputs.TryGetValue(key, out var input))
            {
                problems.Add($"{path}: no corpus file for {document}");
                continue;
            }
            var read = readers.Read(input.Id, File.ReadAllBytes(input.Path), Path.GetExtension(input.Path), options);
            if (!read.Success)
            {
                problems.Add($"{input.Id}: {read.Error!.Stage}: {read.Error.Reason}");
                continue;
            }
            var result = pipeline.Process(read.Document!);
            docs.Add(Label(key, result, gold, finder, tokenizer, config.Extraction.Features));
        }
        return docs;
    }

    /// <summary>Labels the eligible candidates of one rules-only result.</summary>
    public static TrainingDocument Label(string key, DocumentResult result, IReadOnlyList<GoldMention> gold, ProposalFinder finder, Segment.ITokenizer tokenizer, FeatureWordOptions words)
    {
        var norm = result.Normalized;
        var text = norm.Text;
        var lower = ReportMiner.Language.LatinCase.LowerAscii(text);
        var hitCache = new Dictionary<int, List<Extract.TriggerHit>>();
        var examples = new List<LabelledCandidate>();
        var reached = new bool[gold.Count];
        foreach (var report in result.Reports)
        {
            foreach (var c in report.Candidates)
            {
                if (!MlMentionClassifier.IsEligible(c)) continue;
                var (s, e) = norm.ToSource(c.Quantity.Start, c.Quantity.End);
                int hit = -1;
                for (int i = 0; i < gold.Count; i++)
                {
                    var g = gold[i];
                    if (s < g.Offset + g.Raw.Length && g.Offset < e) { hit = i; break; }
                }
                if (hit < 0)
                {
                    for (int i = 0; i < gold.Count; i++)
                    {
                        var g = gold[i];
                        if ((g.Indicator == c.Indicator || g.Indicator == c.NearestIndicator) && SameValue(g.Value, c.Quantity.Value)) { hit = i; break; }
                    }
                }
                else reached[hit] = true;
                var row = MentionFeatures.Build(text, report.Report, c, tokenizer, words);
                var label = hit < 0 ? ClassifierModel.None : gold[hit].Indicator;
                MentionStatus? status = hit < 0 ? null : gold[hit].Status == MentionStatuses.Target ? MentionStatus.Target : MentionStatus.Actual;
                row.Label = label;
                row.IsTarget = status == MentionStatus.Target;
                if (!hitCache.TryGetValue(c.SentenceStart, out var hits))
                    hitCache[c.SentenceStart] = hits = finder.Hits(lower, c.SentenceStart, c.SentenceEnd);
                var pairs = finder.Propose(c, hits).Select(p => PairFeatures.Build(row, text, c, p, words)).ToList();
                examples.Add(new LabelledCandidate(c, row, pairs, label, status));
            }
        }
        return new TrainingDocument { Key = key, Result = result, Gold = gold, Examples = examples, Unreachable = reached.Count(r => !r) };
    }

    /// <summary>Values agree as the scorer reads them (0.5%, exact for whole counts).</summary>
    public static bool SameValue(double gold, double value)
        => gold == value || (gold != 0 && Math.Abs(gold - value) <= Scorer.Tolerance * Math.Abs(gold));

    private static string? Str(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The document name and mentions (with offsets) of one gold file.</summary>
    public static (string? Document, List<GoldMention> Mentions) ReadGold(string path, List<string> problems)
    {
        var mentions = new List<GoldMention>();
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("reports", out var reports)) return (null, mentions);
            var document = root.GetProperty("document").GetString() ?? Path.GetFileName(path);
            foreach (var report in reports.EnumerateArray())
                foreach (var m in report.GetProperty("mentions").EnumerateArray())
                    mentions.Add(new GoldMention(m.GetProperty("indicator").GetString()!, m.GetProperty("status").GetString()!,
                        m.GetProperty("value").GetDouble(), m.GetProperty("raw").GetString()!, m.GetProperty("offset").GetInt32(), Str(m, "qualifier"), Str(m, "period")));
            return (document, mentions);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            problems.Add($"{path}: not a gold file: {ex.Message}");
            return (null, mentions);
        }
    }
}
