using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReportMiner.Export;

namespace ReportMiner.Review;

/// <summary>One mention to review: the pipeline's reading, where its figure is in the source file, and where in the sentence to highlight it.</summary>
public sealed record ReviewRow(MentionRow Mention, int SourceStart, int SourceEnd, int HighlightStart, int HighlightLength);

/// <summary>A document of the run: its id, SHA-256 and the file it was read from.</summary>
public sealed record ReviewSourceRow(string Document, string Sha256, string Path);

/// <summary>What a review workbook holds: the rows to review, the run's documents, the closed sets of the drop-downs.</summary>
public sealed record ReviewWorkbook(IReadOnlyList<ReviewRow> Rows, IReadOnlyList<ReviewSourceRow> Sources, IReadOnlyList<string> Indicators, IReadOnlyList<string> Qualifiers);

/// <param name="Sample">Review only this many mentions, the least confident first; null reviews all, in document order.</param>
/// <param name="Seed">Breaks ties between equally confident mentions (deterministically).</param>
/// <param name="Indicator">Only mentions of this indicator.</param>
public sealed record ReviewOptions(int? Sample = null, int Seed = 0, string? Indicator = null);

/// <summary>
/// Chooses the mentions of an output folder to review and locates each in its source file.
/// Sampling takes the least confident mentions first (an hour of review then goes where the
/// pipeline is least sure), ties broken by a hash of the seed and the mention, so the same
/// seed gives the same sample.
/// </summary>
public static class ReviewBuilder
{
    /// <param name="problems">Documents whose mentions could not be located (missing or changed source), one line each.</param>
    public static ReviewWorkbook Build(ExportData data, string inputDir, ReviewSources sources, ReviewOptions options, Extract.ExtractionOptions extraction, List<string> problems)
    {
        var documents = data.Documents.GroupBy(d => d.Id, StringComparer.Ordinal).Select(g => g.First()).OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new ReviewSourceRow(d.Id, d.Sha256, Path.GetFullPath(Path.Combine(inputDir, d.Id)))).ToList();
        var byId = documents.ToDictionary(d => d.Document, StringComparer.Ordinal);

        IEnumerable<MentionRow> mentions = data.Mentions.Where(m => options.Indicator is null || m.Indicator == options.Indicator);
        List<MentionRow> chosen;
        if (options.Sample is int n)
        {
            chosen = mentions.Select(m => (Mention: m, Tie: TieBreak(options.Seed, m)))
                .OrderBy(x => Math.Round(x.Mention.Confidence, 4)).ThenBy(x => x.Tie).ThenBy(x => x.Mention.Document, StringComparer.Ordinal).ThenBy(x => x.Mention.SpanStart)
                .Select(x => x.Mention).ToList();
        }
        else
        {
            chosen = mentions.OrderBy(m => m.Document, StringComparer.Ordinal).ThenBy(m => m.SpanStart).ThenBy(m => m.Indicator, StringComparer.Ordinal).ToList();
        }

        var rows = new List<ReviewRow>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in chosen)
        {
            if (options.Sample is int max && rows.Count >= max) break;
            if (failed.Contains(m.Document)) continue;
            if (!byId.TryGetValue(m.Document, out var doc))
            {
                failed.Add(m.Document);
                problems.Add($"{m.Document}: not in the documents of the output folder");
                continue;
            }
            var (result, problem) = sources.Load(doc.Document, doc.Path, doc.Sha256);
            if (result is null)
            {
                failed.Add(m.Document);
                problems.Add($"{m.Document}: {problem}; its mentions are left out");
                continue;
            }
            var norm = result.Normalized;
            if (m.SpanEnd > norm.Text.Length || m.SpanStart < 0 || m.SpanStart >= m.SpanEnd || RawAt(result, m) != m.Raw)
            {
                failed.Add(m.Document);
                problems.Add($"{m.Document}: its mentions do not match the source as this pipeline.yaml reads it (another --config than the run's?); left out");
                continue;
            }
            var (s, e) = norm.ToSource(m.SpanStart, m.SpanEnd);
            var (hs, hl) = Highlight(norm.Text, m);
            rows.Add(new ReviewRow(m, s, e, hs, hl));
        }
        var indicators = extraction.Indicators.Select(r => r.Id).ToList();
        return new ReviewWorkbook(rows, documents, indicators, ReviewLayout.AllQualifiers(extraction));
    }

    /// <summary>The source text behind a mention's normalised span, as the run wrote its <c>raw</c>.</summary>
    private static string RawAt(Pipeline.DocumentResult result, Export.MentionRow m)
    {
        var (s, e) = result.Normalized.ToSource(m.SpanStart, m.SpanEnd);
        return result.Source.Locate(s, e).Raw;
    }

    /// <summary>Where the figure stands in the mention's sentence: the sentence is found around the span in the normalised text.</summary>
    private static (int Start, int Length) Highlight(string text, MentionRow m)
    {
        var sentence = m.Sentence;
        int from = Math.Max(0, m.SpanEnd - sentence.Length);
        for (int at = text.IndexOf(sentence, from, StringComparison.Ordinal); at >= 0 && at <= m.SpanStart; at = text.IndexOf(sentence, at + 1, StringComparison.Ordinal))
            if (at + sentence.Length >= m.SpanEnd) return (m.SpanStart - at, m.SpanEnd - m.SpanStart);
        var figure = text[m.SpanStart..m.SpanEnd];
        int inside = sentence.IndexOf(figure, StringComparison.Ordinal);
        return inside >= 0 ? (inside, figure.Length) : (0, 0);
    }

    private static ulong TieBreak(int seed, MentionRow m)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{seed}\n{m.Document}\n{m.SpanStart}\n{m.Indicator}");
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
