using ReportMiner.Language;
using ReportMiner.Numbers;
using ReportMiner.Structure;

namespace ReportMiner.Extract;

/// <summary>
/// The rules: every figure in a sentence is paired with the indicator whose trigger stands
/// nearest before it in the same clause (or right after it: "9家企业申报…高新技术企业"), if
/// the unit fits and no exclusion word stands between them; then status, qualifier and
/// period are read from cue words, the section and time expressions. All words come from
/// <c>pipeline.yaml</c>. Immutable and thread-safe.
/// </summary>
public sealed class RuleExtractor
{
    private readonly ExtractionOptions _config;
    private readonly TriggerMatcher _matcher;
    private readonly AttributeReader _attributes;
    private readonly LabelBlocks _labels;
    private readonly GoalLists _goals;
    private readonly System.Text.RegularExpressions.Regex? _continuationPattern;

    public RuleExtractor(ExtractionOptions config)
    {
        _config = config;
        _labels = new LabelBlocks(config.LabelBlocks);
        _goals = new GoalLists(config.GoalLists);
        _matcher = new TriggerMatcher(config.Indicators.Select((r, i) => new IndicatorSpec(r, i)).ToArray());
        _attributes = new AttributeReader(config);
        _continuationPattern = config.ContinuationPatterns.Count == 0 ? null
            : new System.Text.RegularExpressions.Regex("^(?:" + string.Join("|", config.ContinuationPatterns.Select(p => "(?:" + p + ")")) + ")",
                System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Compiled);
    }

    public TriggerMatcher Matcher => _matcher;

    /// <summary>The candidates of one report: every figure with the rules' reading of it.</summary>
    /// <param name="text">Normalised document text.</param>
    /// <param name="lower">The same with Latin letters lower-cased.</param>
    /// <param name="quantities">All figures of the document, in order.</param>
    /// <param name="report">The report to read.</param>
    /// <param name="isWordStart">Word-boundary test, or null.</param>
    public List<Candidate> Candidates(string text, string lower, IReadOnlyList<Quantity> quantities, Report report, Func<int, bool>? isWordStart)
    {
        var result = new List<Candidate>();
        Candidate? lastAccepted = null;
        Candidate? lastRow = null;   // the last accepted figure of a table row (cells between tabs or bars)
        List<Candidate> lastRowCells = [], rowCells = [];   // every figure of the last table row, by column
        int cursor = FirstAtOrAfter(quantities, report.Start);
        foreach (var (sStart, sEnd) in Sentences.Split(text, report.Start, report.End))
        {
            var figures = InRange(quantities, ref cursor, sStart, sEnd);
            if (figures.Count == 0) continue;
            var hits = _matcher.Find(lower, sStart, sEnd, isWordStart);
            var paired = PairRespectively(text, hits, figures, sStart, sEnd);
            Candidate? previous = null;
            Candidate? breakdownHead = null;
            bool inParenthesis = false;   // breakdownHead is the figure before a parenthesis that splits it up
            Candidate? rowHead = null;   // this line's first accepted cell, when it is a table row
            foreach (var q in figures)
            {
                var c = Read(text, q, sStart, sEnd, hits, report, previous, paired);
                if (c.Indicator is null && !q.Masked && figures.Count == 1 && hits.Count == 0 && LabelBlocks.IsCellLine(text, sStart, sEnd))
                    c = ReadCell(text, lower, q, sStart, sEnd, report, quantities, isWordStart) ?? c;
                if (c.Indicator is null && !q.Masked && hits.Count == 0 && lastRow is { Indicator: not null } row
                    && row.Quantity.Kind == q.Kind && row.Quantity.Unit == q.Unit && _labels.SubRowLabel(text, sStart, sEnd, row.SentenceEnd) is { } subLabel)
                    c = c with { Indicator = row.Indicator, NearestIndicator = row.Indicator, Trigger = row.Trigger, Rejection = null, Status = row.Status, Qualifier = OwnQualifier(row.Indicator, subLabel), BreakdownOf = SameColumn(lastRowCells, figures.IndexOf(q)) };
                if (c.Indicator is null && !q.Masked && c.Rejection is null or { Reason: RejectionReason.Unit or RejectionReason.Clause or RejectionReason.Distance or RejectionReason.Separator or RejectionReason.Foreign })
                {
                    // A breakdown (其中 …) goes on with figures of the same unit and no trigger of their own,
                    // also into the next sentence when it opens with 其中 ("…63人。…其中有高级职称的24人").
                    // Across sentences only when nothing of the same unit came first in this one.
                    bool parenthesised = breakdownHead is null && ParenthesisedBreakdown(text, lastAccepted, q, sStart);
                    var head = breakdownHead
                        ?? (BreakdownOpens(text, sStart, q.Start) && !figures.Exists(f => f.End <= q.Start && f.Kind == q.Kind) ? lastAccepted : null)
                        ?? (parenthesised ? lastAccepted : null);
                    if (head is not null && head.Quantity.Kind == q.Kind && head.Quantity.Unit == q.Unit && ChainHolds(text, head, q, sStart))
                    {
                        c = c with
                        {
                            Indicator = head.Indicator,
                            Qualifier = null,
                            Rejection = null,
                            Trigger = head.Trigger,
                            BreakdownOf = parenthesised || inParenthesis || head.BreakdownOf is not null || EndsBeforeOpener(text, head, sStart, q.Start) ? TotalOf(head) : null
                        };
                        if (parenthesised) (breakdownHead, inParenthesis) = (head, true);   // the rest of the parenthesis goes on from the same figure
                    }
                }
                if (c.Indicator is not null)
                {
                    // A figure with its own trigger after 其中 … breaks down the figure before the opener ("…500家，其中国家级120家").
                    // Only where the opener stands in the figure's own clause ("其中认定31家、净增13家", not a later "…,共争取到N万元").
                    if (c.BreakdownOf is null && lastAccepted is not null && lastAccepted.Indicator == c.Indicator
                        && lastAccepted.Quantity.Kind == q.Kind && lastAccepted.Quantity.Unit == q.Unit
                        && ContainsAny(text.AsSpan(Clauses.StrictStart(text, q.Start, sStart), q.Start - Clauses.StrictStart(text, q.Start, sStart)), _config.Cues.BreakdownOpeners)
                        && (lastAccepted.BreakdownOf is not null || EndsBeforeOpener(text, lastAccepted, sStart, q.Start)))
                        c = c with { BreakdownOf = TotalOf(lastAccepted) };
                    bool stock = q.Kind is UnitKind.Count or UnitKind.Persons && IsStock(text, q, sStart);
                    // A part has its total's status; a cumulative stock holds the period's figures rather than being one of them.
                    if (c.BreakdownOf is not null && (stock || c.Status != StatusOfTotal(result, c.BreakdownOf.Value, c.Status))) c = c with { BreakdownOf = null };
                    if (c.BreakdownOf is null && stock) c = c with { Stock = true };
                }
                result.Add(c);
                rowCells.Add(c);
                previous = c;
                if (c.Indicator is not null && LabelBlocks.IsRow(text, sStart, sEnd)) rowHead ??= c;
                if (c.Indicator is not null)
                {
                    if (breakdownHead is null && BreakdownOpens(text, sStart, q.Start) && lastAccepted is not null && lastAccepted.Indicator == c.Indicator) breakdownHead = c;
                    lastAccepted = c;
                }
            }
            lastRow = rowHead;
            if (rowHead is not null) (lastRowCells, rowCells) = (rowCells, lastRowCells);
            rowCells.Clear();
        }
        return result;
    }

    /// <summary>
    /// A breakdown goes on to <paramref name="q"/> when no strong separator (;) stands between
    /// them and its clause names nothing foreign or excluded for the indicator.
    /// </summary>
    private bool ChainHolds(string text, Candidate head, Quantity q, int sStart)
    {
        int from = head.Quantity.End <= q.Start && head.SentenceStart == sStart ? head.Quantity.End : sStart;
        var between = text.AsSpan(from, q.Start - from);
        // A breakdown list opened with a colon ("其中:A…N万元;B…M万元") runs on through semicolons.
        var before = text.AsSpan(sStart, q.Start - sStart);
        bool colonList = false;
        foreach (var w in _config.Cues.BreakdownList)
            colonList |= before.Contains(w + ":", StringComparison.Ordinal) || before.Contains(w + "：", StringComparison.Ordinal);
        if (!colonList && between.IndexOfAny(';', '；') >= 0) return false;
        var clause = text.AsSpan(Clauses.StrictStart(text, q.Start, sStart), q.Start - Clauses.StrictStart(text, q.Start, sStart));
        if (HasForeignNoun(clause)) return false;
        var rule = _matcher.Specs.First(s => s.Id == head.Indicator).Rule;
        foreach (var w in rule.Exclude) if (clause.Contains(w, StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>
    /// "高新技术企业33家(国家级、省级分别为5家、28家)": a parenthesis right after an accepted figure
    /// that splits it up (分别, 其中, 含) is a breakdown of that figure.
    /// </summary>
    private bool ParenthesisedBreakdown(string text, Candidate? head, Quantity q, int sStart)
    {
        if (head is null || head.SentenceStart != sStart || head.Quantity.End > q.Start) return false;
        var between = text.AsSpan(head.Quantity.End, q.Start - head.Quantity.End).TrimStart();
        if (between.IsEmpty || between[0] is not ('(' or '（') || between.IndexOfAny(')', '）') >= 0) return false;
        return ContainsAny(between, _config.Cues.BreakdownParenthesis) || StartsWithAny(between[1..], _config.Cues.BreakdownParenthesisStart);
    }

    /// <summary>The indicator's own qualifier (invention …) whose cue stands in <paramref name="label"/>, or null.</summary>
    private string? OwnQualifier(string indicator, string label)
    {
        foreach (var (own, words) in _matcher.Specs.First(sp => sp.Id == indicator).Rule.QualifierCues)
            foreach (var w in words)
                if (label.Contains(w, StringComparison.Ordinal)) return own;
        return null;
    }

    /// <summary>The status of the figure at <paramref name="start"/> among <paramref name="result"/>, or <paramref name="otherwise"/>.</summary>
    private static MentionStatus StatusOfTotal(List<Candidate> result, int start, MentionStatus otherwise)
    {
        for (int i = result.Count - 1; i >= 0; i--)
            if (result[i].Quantity.Start == start) return result[i].Status;
        return otherwise;
    }

    /// <summary>A sub-row's k-th figure splits up the k-th figure of the row above (each column its own total), when that one was accepted.</summary>
    private static int? SameColumn(List<Candidate> rowCells, int column)
        => column >= 0 && column < rowCells.Count && rowCells[column].Indicator is not null ? TotalOf(rowCells[column]) : null;

    /// <summary>The figure a breakdown of <paramref name="head"/> splits up: the head itself, or the total the head is a part of.</summary>
    private static int TotalOf(Candidate head) => head.BreakdownOf ?? head.Quantity.Start;

    /// <summary>
    /// True when <paramref name="head"/> ends before the breakdown opener in front of <paramref name="pos"/>
    /// (or stands in an earlier sentence): "500家，其中A县120家" — not "其中：申报50家，认定30家".
    /// </summary>
    private bool EndsBeforeOpener(string text, Candidate head, int sStart, int pos)
    {
        if (head.SentenceStart != sStart) return head.Quantity.End <= sStart;
        int opener = -1;
        foreach (var w in _config.Cues.BreakdownOpeners)
        {
            if (w.Length == 0) continue;
            int at = text.LastIndexOf(w, pos - 1, pos - sStart, StringComparison.Ordinal);
            opener = Math.Max(opener, at);
        }
        return opener >= 0 && head.Quantity.End <= opener;
    }

    /// <summary>True when a stock cue (累计, 共有 …) stands in the figure's clause before it.</summary>
    private bool IsStock(string text, Quantity q, int sStart)
    {
        int from = Clauses.StrictStart(text, q.Start, sStart);
        return ContainsAny(text.AsSpan(from, q.Start - from), _config.Cues.Stock);
    }

    /// <summary>True when a breakdown opener (其中, 包括) stands before <paramref name="pos"/> in its sentence.</summary>
    private bool BreakdownOpens(string text, int sStart, int pos)
        => ContainsAny(text.AsSpan(sStart, pos - sStart), _config.Cues.BreakdownOpeners);

    /// <summary>
    /// "A、B分别为N、M": the k-th trigger before 分别 names the k-th figure after it, when the
    /// counts agree and the units fit.
    /// </summary>
    private Dictionary<Quantity, TriggerHit> PairRespectively(string text, List<TriggerHit> hits, List<Quantity> figures, int sStart, int sEnd)
    {
        var pairs = new Dictionary<Quantity, TriggerHit>();
        foreach (var word in _config.Cues.Respectively)
            for (int p = text.IndexOf(word, sStart, sEnd - sStart, StringComparison.Ordinal); p >= 0 && p < sEnd;
                 p = p + word.Length < sEnd ? text.IndexOf(word, p + word.Length, sEnd - p - word.Length, StringComparison.Ordinal) : -1)
            {
                int clauseStart = Clauses.StrictStart(text, p, sStart);
                var triggers = hits.Where(h => h.Start >= clauseStart && h.End <= p).ToList();
                int clauseEnd = p;
                while (clauseEnd < sEnd && !Clauses.IsSeparator(text[clauseEnd])) clauseEnd++;
                var values = figures.Where(q => q.Start > p && q.End <= clauseEnd).ToList();
                if (triggers.Count < 2 || triggers.Count != values.Count) continue;
                for (int k = 0; k < values.Count; k++)
                    if (triggers[k].Indicator.Accepts(values[k])) pairs[values[k]] = triggers[k];
            }
        return pairs;
    }

    private bool HasForeignNoun(ReadOnlySpan<char> span)
    {
        foreach (var w in _config.ForeignNouns) if (span.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Index of the first figure starting at or after <paramref name="offset"/> (figures are in text order).</summary>
    private static int FirstAtOrAfter(IReadOnlyList<Quantity> all, int offset)
    {
        int lo = 0, hi = all.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (all[mid].Start < offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The figures inside one sentence; <paramref name="cursor"/> moves on so a report is read in one pass.</summary>
    private static List<Quantity> InRange(IReadOnlyList<Quantity> all, ref int cursor, int start, int end)
    {
        var list = new List<Quantity>();
        while (cursor < all.Count && all[cursor].Start < start) cursor++;
        for (int i = cursor; i < all.Count && all[i].Start < end; i++)
            if (all[i].End <= end) list.Add(all[i]);
        return list;
    }

    private Candidate Read(string text, Quantity q, int sStart, int sEnd, List<TriggerHit> hits, Report report, Candidate? previous,
        Dictionary<Quantity, TriggerHit> paired)
    {
        var section = report.SectionAt(q.Start);
        bool target = section.Kind == SectionKind.Plan || _attributes.HasTargetCue(text, sStart, q.NumberStart) || _goals.IsTarget(text, report, sStart, q.NumberStart);
        var status = target ? MentionStatus.Target : MentionStatus.Actual;

        TriggerHit? chosen = null;
        bool after = false;
        Rejection? rejection = null;
        TriggerHit? nearest = null;

        // 0. "A、B分别为N、M" pairs in order.
        if (paired.TryGetValue(q, out var forced))
        {
            chosen = forced;
            nearest = forced;
        }
        // 1. The nearest trigger before the figure.
        int hb = -1;
        for (int i = hits.Count - 1; i >= 0; i--) if (hits[i].End <= q.Start) { hb = i; break; }
        if (chosen is null && hb >= 0)
        {
            var h = hits[hb];
            nearest = h;
            if (!h.Indicator.Accepts(q)) rejection = RejectionReason.Unit;
            else rejection = CheckBackward(text, h, q, sStart, sEnd) ?? Combined(text, hits, hb, q);
            if (rejection is null) chosen = h;
        }
        // 2. Else a trigger right after it, in the same clause (never for a bare number).
        if (chosen is null && q.Kind != UnitKind.None)
        {
            foreach (var h in hits)
            {
                if (h.Start < q.End) continue;
                nearest ??= h;
                if (!h.Indicator.Accepts(q)) break;
                var why = CheckForward(text, h, q);
                if (why is null) { chosen = h; after = true; rejection = null; }
                else rejection ??= why;
                break;
            }
        }

        string? indicator = null, qualifier = null, trigger = null, scope = null;
        if (chosen is TriggerHit hit)
        {
            var spec = hit.Indicator;
            // Cues count in the figure's own clause (and the trigger's, when they share one),
            // never before the previous figure: "新认定…12家,累计达到63家" gives 63 total.
            int windowStart = after || Clauses.Crosses(text, hit.End, q.Start) ? Clauses.Start(text, q.Start, sStart) : Clauses.Start(text, hit.Start, sStart);
            if (previous is not null && previous.SentenceStart == sStart && previous.Quantity.End <= q.Start)
                windowStart = Math.Max(windowStart, previous.Quantity.End);
            int windowEnd = after ? Math.Min(sEnd, hit.End + 4) : q.Start;
            var window = text.AsSpan(windowStart, windowEnd - windowStart);
            var why = Excluded(spec, text, hit, q, sStart, target, window, forcedPair: paired.ContainsKey(q), previous);
            if (why is null)
            {
                indicator = spec.Id;
                trigger = text[hit.Start..hit.End];
                qualifier = _attributes.Qualifier(spec, text, hit, q, window, previous, windowStart);
                scope = _attributes.Scope(spec, text.AsSpan(Math.Min(windowStart, hit.Start), Math.Max(q.Start, hit.End) - Math.Min(windowStart, hit.Start)));
            }
            else rejection = why;
        }

        int forwardEnd = after && chosen is TriggerHit c ? c.Start : q.End;
        return new Candidate
        {
            Quantity = q,
            SentenceStart = sStart,
            SentenceEnd = sEnd,
            Indicator = q.Masked ? null : indicator,
            NearestIndicator = (chosen ?? nearest)?.Indicator.Id,
            Trigger = trigger,
            TriggerAfter = after,
            Status = status,
            Qualifier = qualifier,
            Scope = scope,
            PeriodOf = () => AttributeReader.FindPeriod(text, q, sStart, forwardEnd, report, section, target),
            Section = section.Kind,
            Rejection = q.Masked ? RejectionReason.Masked : rejection,
        };
    }

    /// <summary>
    /// A figure alone on its line, under a label line that names an indicator (a table flattened
    /// one cell per line): the label's indicator when its unit fits and the label's words do not
    /// exclude it; status target when the cell is bracketed as an estimate or the section holds goals.
    /// </summary>
    private Candidate? ReadCell(string text, string lower, Quantity q, int sStart, int sEnd, Report report, IReadOnlyList<Quantity> quantities, Func<int, bool>? isWordStart)
    {
        Quantity? FigureOn(int start, int end)
        {
            int i = FirstAtOrAfter(quantities, start);
            return i < quantities.Count && quantities[i].End <= end ? quantities[i] : null;
        }
        List<TriggerHit> labelHits = [];
        bool NamesIndicator(int start, int end) => (labelHits = _matcher.Find(lower, start, end, isWordStart)).Count > 0;
        if (_labels.FindLabel(text, sStart, report.Start, q, FigureOn, NamesIndicator) is not var (ls, le)) return null;
        TriggerHit? hit = null;
        foreach (var h in labelHits) if (h.Indicator.Accepts(q)) hit = h;
        if (hit is not TriggerHit chosen) return null;
        // A label holding a figure of its own is a sentence, not a column label.
        int f = FirstAtOrAfter(quantities, ls);
        if (f < quantities.Count && quantities[f].End <= le && chosen.Indicator.Accepts(quantities[f])) return null;
        var rule = chosen.Indicator.Rule;
        // The label's words from a little before its trigger on (a joined title line may stand before it).
        var label = text[Math.Max(ls, chosen.Start - 6)..le];
        foreach (var w in rule.Exclude) if (label.Contains(w, StringComparison.Ordinal)) return null;
        if (rule.Require.Count > 0 && !rule.Require.Exists(w => label.Contains(w, StringComparison.Ordinal))) return null;
        var section = report.SectionAt(q.Start);
        bool target = section.Kind == SectionKind.Plan || _labels.IsEstimate(text, sStart, sEnd) || _attributes.HasTargetCue(text, ls, le);
        string? qualifier = _attributes.Qualifier(chosen.Indicator, text, chosen, q, text.AsSpan(ls, le - ls), null, ls);
        return new Candidate
        {
            Quantity = q,
            SentenceStart = sStart,
            SentenceEnd = sEnd,
            Indicator = rule.Id,
            NearestIndicator = rule.Id,
            Trigger = text[chosen.Start..chosen.End],
            Status = target ? MentionStatus.Target : MentionStatus.Actual,
            Qualifier = qualifier,
            Scope = _attributes.Scope(chosen.Indicator, label),
            PeriodOf = () => section.Kind == SectionKind.Plan ? section.Period : null,
            Section = section.Kind,
        };
    }

    /// <summary>Why the trigger before the figure may not name it, or null if it may.</summary>
    private Rejection? CheckBackward(string text, TriggerHit h, Quantity q, int sStart, int sEnd)
    {
        var gap = text.AsSpan(h.End, q.Start - h.End);
        // A table row (cells joined by tabs): the row label names the figures in its cells.
        int tab = gap.LastIndexOfAny('\t', '|');
        if (tab >= 0)
            return gap[(tab + 1)..].Trim().IsEmpty && gap[..gap.IndexOfAny('\t', '|')].IndexOfAny('\t', '。') < 0 ? null : RejectionReason.Cell;
        int lastSep = -1;
        bool strong = false;
        for (int i = 0; i < gap.Length; i++)
        {
            if (Clauses.IsSeparator(gap[i])) { lastSep = i; strong |= Clauses.IsStrongSeparator(gap[i]); }
        }
        var lead = lastSep >= 0 ? gap[(lastSep + 1)..].Trim() : gap.Trim();
        bool breakdown = ContainsAny(gap, _config.Cues.Breakdown);
        if (strong && !StartsWithAny(lead, _config.Cues.BreakdownList)) return RejectionReason.Separator;
        if (lastSep >= 0)
        {
            if (lead.Length > 0 && !StartsWithAny(lead, _config.Continuation) && !(lead.Length <= 8 && EndsWithAny(lead, _config.ContinuationEnd))
                && !(_continuationPattern?.IsMatch(lead) ?? false))
                return RejectionReason.Clause;
            // ",N家," in a list is fine; ",1家企业入选…" starts a clause of its own.
            if (lead.Length == 0 && !Clauses.EndsSoonAfter(text, q.End, sEnd)) return RejectionReason.Clause;
        }
        if (HasForeignNoun(gap)) return RejectionReason.Foreign;
        int limit = breakdown ? _config.MaxGap * 2 : _config.MaxGap;
        if (GapLength(gap) > limit) return RejectionReason.Distance;
        return null;
    }

    /// <summary>"新认定高新技术企业、科技型中小企业50家": one figure for two indicators is not annotated.</summary>
    private Rejection? Combined(string text, List<TriggerHit> hits, int hb, Quantity q)
    {
        if (hb == 0) return null;
        var h = hits[hb];
        var h0 = hits[hb - 1];
        if (h0.Indicator == h.Indicator || !h0.Indicator.Accepts(q)) return null;
        var link = text.AsSpan(h0.End, h.Start - h0.End);
        if (link.Length is 0 or > 3 || !StartsWithAny(link, _config.Cues.Coordination)) return null;
        var tail = text.AsSpan(h.End, q.Start - h.End);
        return ContainsAny(tail, _config.Cues.Respectively) ? null : RejectionReason.Combined;
    }

    /// <summary>Length of the gap not counting other figures in it (lists of figures are fine).</summary>
    private static int GapLength(ReadOnlySpan<char> gap)
    {
        int n = 0;
        foreach (char c in gap) if (!char.IsAsciiDigit(c) && c != '.' && c != ' ') n++;
        return n;
    }

    /// <summary>Why the trigger after the figure may not name it ("20名科技特派员"), or null if it may.</summary>
    private static Rejection? CheckForward(string text, TriggerHit h, Quantity q)
    {
        var gap = text.AsSpan(q.End, h.Start - q.End);
        foreach (char c in gap) if (Clauses.IsSeparator(c) || c == '、' || c == '。') return RejectionReason.Clause;
        if (gap.Length > 16) return RejectionReason.Distance;
        return null;
    }

    /// <summary>
    /// Whether the exclusion word <paramref name="w"/> stands in <c>text[start..end)</c>, not counting
    /// it where a <c>level_after</c> word (到, 至) follows: "由A增长到B", "提高至N" state a level, not a change;
    /// nor where it governs <paramref name="rate"/>, a percent standing right after it in an earlier clause
    /// ("…投入增长15.2%,达到4.5亿元": the change is the rate's, the amount is a level).
    /// </summary>
    private bool Excludes(string text, int start, int end, string w, Quantity? rate, List<string>? blockers = null)
    {
        if (end <= start) return false;
        var span = text.AsSpan(start, end - start);
        for (int at = span.IndexOf(w, StringComparison.Ordinal); at >= 0;)
        {
            int after = at + w.Length;
            bool level = after < span.Length && StartsWithAny(span[after..], _config.Cues.LevelAfter);
            bool ofRate = rate is { } r && start + after <= r.NumberStart && r.NumberStart - (start + after) <= MaxRateLead
                && !Clauses.Crosses(text, start + after, r.NumberStart);
            if (!level && !ofRate && !InsideBlocker(text, start + at, w, blockers)) return true;
            int next = span[(at + 1)..].IndexOf(w, StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }

    /// <summary>Whether the exclusion word <paramref name="w"/> at <paramref name="pos"/> is part of one of <paramref name="blockers"/> (an <c>exclude_blockers</c> phrase).</summary>
    private static bool InsideBlocker(string text, int pos, string w, List<string>? blockers)
    {
        if (blockers is null) return false;
        foreach (var b in blockers)
        {
            int i = b.IndexOf(w, StringComparison.Ordinal);
            if (i < 0 || pos - i < 0) continue;
            if (text.AsSpan(pos - i).StartsWith(b, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Most characters between an exclusion word and the rate it governs ("增长了15%", "增幅达12%").</summary>
    private const int MaxRateLead = 3;

    /// <summary>
    /// The figure before <paramref name="q"/> in its sentence when it is a percent standing between the
    /// trigger and <paramref name="q"/>, in a clause of its own (a separator follows it): a rate of change
    /// whose exclusion word does not speak for <paramref name="q"/>. Null otherwise.
    /// </summary>
    private static Quantity? RateBefore(string text, TriggerHit hit, Quantity q, int sStart, Candidate? previous)
    {
        if (previous is null || previous.SentenceStart != sStart) return null;
        var r = previous.Quantity;
        if (r.Kind != UnitKind.Percent || q.Kind == UnitKind.Percent || hit.End > r.Start || r.End > q.Start) return null;
        return Clauses.Crosses(text, r.End, q.Start) ? r : null;
    }

    private Rejection? Excluded(IndicatorSpec spec, string text, TriggerHit hit, Quantity q, int sStart, bool target, ReadOnlySpan<char> window, bool forcedPair, Candidate? previous)
    {
        var rule = spec.Rule;
        // Words between trigger and figure (either order), plus a little after the trigger when it follows,
        // and the rest of the figure's clause. A 分别 pairing speaks for itself: only the clause counts.
        int a = Math.Min(hit.End, q.End), b = Math.Max(hit.Start, q.Start);
        if (!(a < b && !forcedPair)) (a, b) = (0, 0);
        int afterEnd = hit.Start >= q.End ? hit.End + Math.Min(4, text.Length - hit.End) : hit.End;
        var clause = forcedPair ? Clauses.After(text, q.Start) : Clauses.Around(text, Math.Min(hit.Start, q.Start), q.End, sStart);
        int clauseStart = forcedPair ? q.Start : Clauses.Start(text, Math.Min(hit.Start, q.Start), sStart);
        var rate = forcedPair ? null : RateBefore(text, hit, q, sStart, previous);
        foreach (var w in rule.Exclude)
        {
            if (Excludes(text, a, b, w, rate, rule.ExcludeBlockers) || Excludes(text, hit.End, afterEnd, w, null, rule.ExcludeBlockers)
                || Excludes(text, clauseStart, clauseStart + clause.Length, w, rate, rule.ExcludeBlockers))
                return new Rejection(RejectionReason.Exclude, w);
        }
        if (target)
            foreach (var w in rule.ExcludeTarget)
                if (window.Contains(w, StringComparison.Ordinal)) return new Rejection(RejectionReason.ExcludeTarget, w);
        if (rule.Require.Count > 0)
        {
            // The cue must stand in the figure's part of the sentence: not before a semicolon ahead of it.
            int from = sStart;
            for (int i = Math.Min(hit.Start, q.Start) - 1; i >= sStart; i--) if (Clauses.IsStrongSeparator(text[i])) { from = i + 1; break; }
            var prefix = text.AsSpan(from, Math.Max(hit.End, q.Start) - from);
            bool found = false;
            foreach (var w in rule.Require) if (prefix.Contains(w, StringComparison.Ordinal)) { found = true; break; }
            if (!found) return RejectionReason.Require;
            foreach (var w in rule.Exclude)
                if (Clauses.Before(text, q.Start, sStart).Contains(w, StringComparison.Ordinal)) return new Rejection(RejectionReason.Exclude, w);
        }
        return null;
    }

    private static bool EndsWithAny(ReadOnlySpan<char> s, List<string> words)
    {
        foreach (var w in words) if (s.EndsWith(w, StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool ContainsAny(ReadOnlySpan<char> s, List<string> words)
    {
        foreach (var w in words) if (s.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> s, List<string> words)
    {
        foreach (var w in words) if (s.StartsWith(w, StringComparison.Ordinal)) return true;
        return false;
    }
}
