using ReportMiner.Config;
using ReportMiner.County;
using ReportMiner.Extract;
using ReportMiner.Ingest;
using ReportMiner.Normalise;
using ReportMiner.Numbers;
using ReportMiner.Segment;
using ReportMiner.Structure;

namespace ReportMiner.Pipeline;

/// <summary>
/// The stages for one document: normalise → split into reports → segment → extract →
/// resolve county. Built once by <see cref="ReportPipelineBuilder"/>, immutable, and safe to
/// share between worker threads.
/// </summary>
public sealed class ReportPipeline
{
    private readonly TextNormalizer _normalizer;
    private readonly ReportSplitter _splitter;
    private readonly RuleExtractor _rules;
    private readonly ITokenizer? _tokenizer;
    private readonly ICountyResolver _county;
    private readonly IMentionClassifier? _classifier;

    internal ReportPipeline(PipelineConfig config, TextNormalizer normalizer, ReportSplitter splitter, RuleExtractor rules,
        ITokenizer? tokenizer, ICountyResolver county, IMentionClassifier? classifier)
    {
        Config = config;
        _normalizer = normalizer;
        _splitter = splitter;
        _rules = rules;
        _tokenizer = tokenizer;
        _county = county;
        _classifier = classifier;
    }

    public PipelineConfig Config { get; }

    /// <summary>Identifies the model in use (part of the incremental cache key), or "".</summary>
    public string ModelFingerprint => _classifier?.Fingerprint ?? "";

    public DocumentResult Process(SourceDocument source)
    {
        var normalized = _normalizer.Normalize(source.Text);
        var text = normalized.Text;
        var lower = Language.LatinCase.LowerAscii(text);
        var quantities = ApplyTableUnits(QuantityScanner.Scan(text), source, normalized);
        Func<int, bool>? isWordStart = _tokenizer is null ? null : Segment.WordStarts.For(text, _tokenizer);
        var reports = new List<ReportResult>();
        foreach (var report in _splitter.Split(text))
        {
            var candidates = _rules.Candidates(text, lower, quantities, report, isWordStart);
            var decided = _classifier is null ? candidates : _classifier.Decide(text, report, candidates);
            var county = AsWritten(_county.Resolve(source.Id, source.Sha256, report.Title, report.Issuer, text[report.Start..report.End]), normalized, report);
            reports.Add(new ReportResult
            {
                Report = report,
                County = county,
                Mentions = ToMentions(source, normalized, report, decided, Config.Ingest.OcrDoubtfulBelow),
                Candidates = candidates,
            });
        }
        return new DocumentResult { Source = source, Normalized = normalized, Reports = reports };
    }

    /// <summary>
    /// The county's name as the source writes it: the normaliser turns 寧德市 into 宁德市 for
    /// matching, but the name stays as written (the key, from the gazetteer, stays simplified).
    /// </summary>
    private static CountyRef AsWritten(CountyRef county, NormalizedText normalized, Report report)
    {
        if (county.Name is not { Length: > 0 } name) return county;
        int at = normalized.Text.IndexOf(name, report.Start, report.End - report.Start, StringComparison.Ordinal);
        if (at < 0) return county;
        var written = normalized.SourceSlice(at, at + name.Length);
        return written.Length == name.Length && written != name ? county with { Name = written } : county;
    }

    /// <summary>Bare numbers in table cells take the unit and period their headers give.</summary>
    private static List<Quantity> ApplyTableUnits(List<Quantity> quantities, SourceDocument source, NormalizedText normalized)
    {
        if (source.Regions.Count == 0) return quantities;
        for (int i = 0; i < quantities.Count; i++)
        {
            var q = quantities[i];
            var region = source.RegionAt(normalized.SourceIndex[q.NumberStart]);
            if (region is null || (region.ImpliedUnit is null && region.ColumnHeader is null)) continue;
            if (region.ImpliedUnit is not null && QuantityScanner.WithImpliedUnit(q, region.ImpliedUnit) is { } typed) q = typed;
            quantities[i] = q with { ColumnHeader = region.ColumnHeader };
        }
        return quantities;
    }

    /// <summary>Candidates with an indicator become mentions; repeats (same indicator and value) keep the first.</summary>
    /// <param name="ocrDoubtfulBelow">OCR confidence (0–100) under which a figure read by OCR is flagged doubtful.</param>
    internal static List<Mention> ToMentions(SourceDocument source, NormalizedText normalized, Report report, IReadOnlyList<Candidate> candidates, int ocrDoubtfulBelow)
    {
        // The gold convention: a figure repeated in one report is one mention, at its first occurrence.
        var seen = new Dictionary<(string, double), Mention>();
        var mentions = new List<Mention>();
        // Figures by position, for breakdowns to find the figure they split up (a repeat stands for its first occurrence).
        var byStart = new Dictionary<int, Mention>();
        var partOf = new Dictionary<Mention, int>(ReferenceEqualityComparer.Instance);
        foreach (var c in candidates)
        {
            if (c.Indicator is null) continue;
            var q = c.Quantity;
            if (seen.TryGetValue((c.Indicator, q.Value), out var first))
            {
                byStart.TryAdd(q.Start, first);
                continue;
            }
            var (srcStart, srcEnd) = normalized.ToSource(q.Start, q.End);
            var at = source.Locate(srcStart, srcEnd);
            int? ocr = FigureOcrConfidence(source, normalized, q);
            mentions.Add(new Mention
            {
                Indicator = c.Indicator,
                Value = Math.Round(q.Value, 6),
                Unit = UnitOf(q),
                Raw = at.Raw,
                Approximate = q.Approximate,
                Bound = q.Bound,
                Status = c.Status.Word(),
                Qualifier = c.Qualifier,
                Period = Periods.Canonical(c.Period),
                Scope = c.Scope,
                Document = source.Id,
                Report = report.Index,
                Page = at.Page,
                Sentence = normalized.Text[c.SentenceStart..c.SentenceEnd].Trim(),
                SpanStart = q.Start,
                SpanEnd = q.End,
                SourceStart = at.Start,
                SourceEnd = at.End,
                Locator = at.Locator,
                Method = c.Method,
                Confidence = ocr is int conf ? c.Confidence * conf / 100.0 : c.Confidence,
                Ocr = ocr is not null,
                OcrConfidence = ocr / 100.0,
                OcrDoubtful = ocr < ocrDoubtfulBelow,
                Role = c.BreakdownOf is not null ? MentionRoles.Part : c.Stock ? MentionRoles.Stock : MentionRoles.Total,
            });
            seen[(c.Indicator, q.Value)] = mentions[^1];
            byStart.TryAdd(q.Start, mentions[^1]);
            if (c.BreakdownOf is int total) partOf[mentions[^1]] = total;
        }
        if (partOf.Count == 0) return mentions;
        // A part names the figure it splits up by that figure's index among the report's mentions in file order.
        var index = new Dictionary<Mention, int>(ReferenceEqualityComparer.Instance);
        foreach (var m in Output.CountyFileWriter.InFileOrder(mentions)) index[m] = index.Count;
        for (int i = 0; i < mentions.Count; i++)
            if (partOf.TryGetValue(mentions[i], out var start) && byStart.TryGetValue(start, out var whole) && !ReferenceEquals(whole, mentions[i]))
                mentions[i] = mentions[i] with { PartOf = index[whole] };
        return mentions;
    }

    /// <summary>
    /// For a figure read by OCR, the lowest OCR confidence (0–100) of its digits (of all its
    /// characters when it has no ASCII digits, as 四十); null when the figure is not from OCR.
    /// Normalised offsets reach the source text's confidence map through <see cref="NormalizedText.SourceIndex"/>.
    /// </summary>
    internal static int? FigureOcrConfidence(SourceDocument source, NormalizedText normalized, Numbers.Quantity q)
    {
        if (source.OcrConfidence is not { } map) return null;
        int? lowest = null;
        bool digits = false;
        for (int i = q.NumberStart; i < q.End; i++)
            if (char.IsAsciiDigit(normalized.Text[i])) { digits = true; break; }
        for (int i = q.NumberStart; i < q.End; i++)
        {
            char c = normalized.Text[i];
            if (digits ? !(char.IsAsciiDigit(c) || c == '.') : char.IsWhiteSpace(c)) continue;
            if (map.At(normalized.SourceIndex[i]) is int conf) lowest = lowest is int l ? Math.Min(l, conf) : conf;
        }
        return lowest;
    }

    private static string UnitOf(Quantity q) => q.Kind switch
    {
        UnitKind.Money => "CNY",
        UnitKind.Persons => "persons",
        UnitKind.Count => "count",
        _ => "percent",
    };
}
