using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReportMiner.Eval;
using ReportMiner.Extract;
using ReportMiner.Pipeline;
using static ReportMiner.Review.ReviewLayout;

namespace ReportMiner.Review;

/// <summary>What <c>review --apply</c> would write, or why it writes nothing.</summary>
/// <param name="Errors">One line per problem, naming sheet, row, column and cell; when any, nothing is written.</param>
/// <param name="Files">Gold files to write: path and content.</param>
public sealed record ApplyPlan(IReadOnlyList<string> Errors, IReadOnlyList<(string Path, string Json, bool New)> Files, string Summary);

/// <summary>
/// Turns a reviewed workbook into gold. Every row is checked first, and each problem is one
/// line naming the cell (a verdict outside the list, a raw not in the source, a value that
/// does not follow from raw, a renamed sheet, a missing column …); only a workbook without
/// problems gives files. <c>ok</c> rows become gold as they are, <c>wrong …</c> rows with their
/// corrections, <c>not a figure</c> rows negatives, and rows of the missed sheet gold mentions.
/// Offsets are found in the source file, which must be the one the review was made from.
/// </summary>
public sealed partial class ReviewApplier(ReportPipeline rules)
{
    private readonly ReviewSources _sources = new(rules);
    private readonly ExtractionOptions _extraction = rules.Config.Extraction;
    private readonly List<string> _errors = [];
    private static readonly string[] ReviewSheets = [MentionsSheet, MissedSheet, SourcesSheet];
    private string _book = "";

    /// <param name="workbook">The reviewed workbook.</param>
    /// <param name="goldDir">Folder of gold files to merge into (created when missing).</param>
    /// <param name="inputDir">Where the documents are now, when not where the review found them.</param>
    public ApplyPlan Plan(string workbook, string goldDir, string? inputDir)
    {
        _book = Path.GetFileName(workbook);
        var (sheets, problem) = ReviewWorkbookReader.Read(workbook);
        if (sheets is null) return Fail($"{_book}: {problem}");
        foreach (var name in ReviewSheets)
            if (!sheets.ContainsKey(name))
                _errors.Add($"{_book}: sheet '{name}' is missing (the workbook has {string.Join(", ", sheets.Keys.Select(k => $"'{k}'"))}); the review sheets must keep their names");
        if (_errors.Count > 0) return Fail();
        var mentions = sheets[MentionsSheet];
        var missed = sheets[MissedSheet];
        var sources = sheets[SourcesSheet];
        foreach (var (sheet, headers) in new[] { (mentions, MentionHeadersRead), (missed, MissedHeaders), (sources, SourceHeaders) })
            foreach (var header in headers)
                if (!sheet.Columns.ContainsKey(header)) _errors.Add($"{_book}: sheet '{sheet.Name}', row 1: column '{header}' is missing (the header row must keep the review's column names)");
        if (_errors.Count > 0) return Fail();

        var documents = new Dictionary<string, (string Sha, string Path)>(StringComparer.Ordinal);
        foreach (var (row, _) in sources.Rows)
        {
            var id = sources.Get(row, "document");
            if (id.Length == 0) continue;
            var path = inputDir is null ? sources.Get(row, "path") : Path.GetFullPath(Path.Combine(inputDir, id));
            documents.TryAdd(id, (sources.Get(row, "sha256"), path));
        }

        var edits = new Dictionary<string, List<GoldEdit>>(StringComparer.Ordinal);
        var loaded = new Dictionary<string, DocumentResult?>(StringComparer.Ordinal);
        int ok = 0, corrected = 0, negative = 0, added = 0, unreviewed = 0;

        DocumentResult? Source(ReviewSheet sheet, int row)
        {
            var id = sheet.Get(row, "document");
            if (id.Length == 0) { Error(sheet, row, "document", "is empty; name the document the figure is in"); return null; }
            if (!documents.TryGetValue(id, out var d)) { Error(sheet, row, "document", $"'{id}' is not a document of this review (see its sources sheet)"); return null; }
            // A source that cannot be read is reported once, at its first row.
            if (loaded.TryGetValue(id, out var known)) return known;
            var (result, why) = _sources.Load(id, d.Path, d.Sha);
            if (result is null) Error(sheet, row, "document", $"'{id}': {why}{(inputDir is null ? " (pass --input DIR where the documents are now)" : "")}");
            return loaded[id] = result;
        }

        foreach (var (row, _) in mentions.Rows)
        {
            string V(string header) => mentions.Get(row, header);
            var verdictText = V("verdict");
            var verdict = Regex.Replace(verdictText.ToLowerInvariant(), @"\s+", " ");
            var corrections = CorrectionHeaders.Where(h => V(h).Length > 0).ToList();
            if (verdict.Length == 0)
            {
                if (corrections.Count > 0) Error(mentions, row, "verdict", $"is empty but {corrections[0]} is filled; choose a verdict");
                else unreviewed++;
                continue;
            }
            if (!Verdicts.Contains(verdict)) { Error(mentions, row, "verdict", $"'{verdictText}' is not a verdict (one of: {string.Join(", ", Verdicts)})"); continue; }
            if (verdict is Ok or NotAFigure && corrections.Count > 0)
            {
                Error(mentions, row, corrections[0], $"is filled but the verdict is '{verdict}'; corrections go with a 'wrong …' verdict");
                continue;
            }
            if (Source(mentions, row) is not { } result) continue;
            var doc = V("document");
            if (!TryInt(V("source_start"), out int start)) { Error(mentions, row, "source_start", $"'{V("source_start")}' is not a character offset"); continue; }

            var rawColumn = V("correct_raw").Length > 0 ? "correct_raw" : "raw";
            var raw = V(rawColumn);
            if (raw.Length == 0) { Error(mentions, row, rawColumn, "is empty"); continue; }
            var text = result.Source.Text;
            int offset = rawColumn == "raw" && start >= 0 && start + raw.Length <= text.Length && string.CompareOrdinal(text, start, raw, 0, raw.Length) == 0
                ? start : Nearest(text, raw, start);
            if (offset < 0) { Error(mentions, row, rawColumn, $"'{raw}' is not in the source of {doc}"); continue; }

            if (verdict == NotAFigure)
            {
                var entry = new JsonObject { ["raw"] = raw, ["offset"] = offset };
                if (V("indicator") is { Length: > 0 } rejected) entry["indicator"] = rejected;
                if (V("note") is { Length: > 0 } note) entry["note"] = note;
                Add(edits, doc, new GoldEdit(offset, raw, entry, true, Where(mentions, row, rawColumn)));
                negative++;
                continue;
            }
            if (verdict == WrongIndicator && V("correct_indicator").Length == 0) { Error(mentions, row, "correct_indicator", "is empty; 'wrong indicator' needs the right indicator"); continue; }
            if (verdict == WrongValue && V("correct_raw").Length == 0 && V("correct_value").Length == 0)
            {
                Error(mentions, row, "correct_raw", "is empty; 'wrong value' needs the figure as written (correct_raw) or its value (correct_value)");
                continue;
            }
            if (verdict == WrongPeriod && V("correct_period").Length == 0) { Error(mentions, row, "correct_period", $"is empty; 'wrong period' needs the period (or {None})"); continue; }

            var indicatorColumn = V("correct_indicator").Length > 0 ? "correct_indicator" : "indicator";
            string? status = null;
            if (verdict == WrongStatus && V("correct_status").Length == 0)
                status = string.Equals(V("status"), "target", StringComparison.OrdinalIgnoreCase) ? "actual" : "target";
            var qualifierColumn = V("correct_qualifier").Length > 0 ? "correct_qualifier" : "qualifier";
            var mention = Mention(mentions, row, text, offset, raw, rawColumn, indicatorColumn,
                statusColumn: V("correct_status").Length > 0 ? "correct_status" : "status", statusOverride: status,
                qualifierColumn, dropForeignQualifier: indicatorColumn == "correct_indicator" && qualifierColumn == "qualifier",
                periodColumn: V("correct_period").Length > 0 ? "correct_period" : "period",
                valueColumn: V("correct_value").Length > 0 ? "correct_value" : rawColumn == "raw" ? "value" : null);
            if (mention is null) continue;
            Add(edits, doc, new GoldEdit(offset, raw, mention, false, Where(mentions, row, rawColumn)));
            if (verdict == Ok) ok++;
            else corrected++;
        }

        foreach (var (row, _) in missed.Rows)
        {
            string V(string header) => missed.Get(row, header);
            if (MissedHeaders.All(h => V(h).Length == 0)) continue;
            if (V("raw").Length == 0) { Error(missed, row, "raw", "is empty; write the figure as the source writes it"); continue; }
            if (Source(missed, row) is not { } result) continue;
            var doc = V("document");
            var raw = V("raw");
            var text = result.Source.Text;
            int offset;
            if (V("context") is { Length: > 0 } context)
            {
                var (from, to) = Find(result, context);
                if (from < 0) { Error(missed, row, "context", $"'{context}' is not in the source of {doc}"); continue; }
                offset = text.IndexOf(raw, from, to - from, StringComparison.Ordinal);
                if (offset < 0) { Error(missed, row, "raw", $"'{raw}' is not inside the context '{context}'"); continue; }
            }
            else
            {
                int count = Occurrences(text, raw);
                if (count == 0) { Error(missed, row, "raw", $"'{raw}' is not in the source of {doc}"); continue; }
                if (count > 1) { Error(missed, row, "raw", $"'{raw}' occurs {count} times in {doc}; write the words around it in column context"); continue; }
                offset = text.IndexOf(raw, StringComparison.Ordinal);
            }
            if (V("indicator").Length == 0) { Error(missed, row, "indicator", "is empty"); continue; }
            if (V("status").Length == 0) { Error(missed, row, "status", "is empty; choose actual or target"); continue; }
            var mention = Mention(missed, row, text, offset, raw, "raw", "indicator", "status", null, "qualifier", false, "period", V("value").Length > 0 ? "value" : null);
            if (mention is null) continue;
            Add(edits, doc, new GoldEdit(offset, raw, mention, false, Where(missed, row, "raw")));
            added++;
        }

        // One figure, one judgement.
        foreach (var (doc, list) in edits)
        {
            list.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            for (int i = 1; i < list.Count; i++)
                if (list[i].Offset < list[i - 1].Offset + list[i - 1].Raw.Length)
                    _errors.Add($"{_book}: {list[i].Where}: '{list[i].Raw}' at offset {list[i].Offset} of {doc} is the figure already judged in {list[i - 1].Where.Split(", column")[0]}");
        }
        if (_errors.Count > 0) return Fail();

        var files = new List<(string, string, bool)>();
        int mentionsAdded = 0, replaced = 0, unchanged = 0, repeats = 0, negatives = 0, created = 0;
        foreach (var (doc, list) in edits.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var result = loaded[doc]!;
            var path = GoldFile.PathFor(goldDir, doc);
            JsonObject gold;
            bool isNew = !File.Exists(path);
            if (isNew) { gold = GoldFile.Create(doc, result, _book); created++; }
            else
            {
                try
                {
                    gold = GoldFile.Parse(File.ReadAllText(path));
                    if (gold["reports"] is not JsonArray) throw new JsonException("no reports array");
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or IOException)
                {
                    _errors.Add($"{path}: not a gold file ({ex.Message.ReplaceLineEndings(" ")}); fix or move it, then apply again");
                    continue;
                }
            }
            var problems = new List<string>();
            var counts = GoldFile.Merge(gold, list, result.Source.Text, problems);
            _errors.AddRange(problems.Select(p => $"{_book}: {p}"));
            mentionsAdded += counts.Added;
            replaced += counts.Replaced;
            unchanged += counts.Unchanged;
            repeats += counts.Repeats;
            negatives += counts.Negatives;
            files.Add((path, GoldFile.Serialize(gold), isNew));
        }
        if (_errors.Count > 0) return Fail();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"rows: {ok} ok, {corrected} corrected, {negative} not a figure, {added} missed figures added, {unreviewed} without a verdict (left out); " +
            $"gold: {files.Count} files ({created} new), {mentionsAdded} mentions and {negatives} negatives written, {unchanged} already there, {replaced} earlier judgements replaced, {repeats} repeats kept once");
        return new ApplyPlan([], files, summary);
    }

    private ApplyPlan Fail(string? error = null)
    {
        if (error is not null) _errors.Add(error);
        return new ApplyPlan(_errors.ToList(), [], "");
    }

    private static string Where(ReviewSheet sheet, int row, string header)
        => string.Create(CultureInfo.InvariantCulture, $"sheet '{sheet.Name}', row {row}, column '{header}' ({sheet.Reference(row, header)})");

    private void Error(ReviewSheet sheet, int row, string header, string problem) => _errors.Add($"{_book}: {Where(sheet, row, header)}: {problem}");

    private static void Add(Dictionary<string, List<GoldEdit>> edits, string doc, GoldEdit edit)
    {
        if (!edits.TryGetValue(doc, out var list)) edits[doc] = list = [];
        list.Add(edit);
    }

    /// <summary>A gold mention from a row, or null after reporting the first problem of the row.</summary>
    private JsonObject? Mention(ReviewSheet sheet, int row, string text, int offset, string raw, string rawColumn, string indicatorColumn,
        string statusColumn, string? statusOverride, string qualifierColumn, bool dropForeignQualifier, string periodColumn, string? valueColumn)
    {
        var indicator = sheet.Get(row, indicatorColumn);
        var rule = _extraction.Indicators.FirstOrDefault(r => r.Id == indicator);
        if (rule is null) { Error(sheet, row, indicatorColumn, $"'{indicator}' is not an indicator of pipeline.yaml"); return null; }
        var status = statusOverride ?? sheet.Get(row, statusColumn).ToLowerInvariant();
        if (!Statuses.Contains(status)) { Error(sheet, row, statusColumn, $"'{sheet.Get(row, statusColumn)}' is not a status (actual or target)"); return null; }

        var qualifierText = sheet.Get(row, qualifierColumn);
        string? qualifier = qualifierText.Length == 0 || qualifierText.Equals(None, StringComparison.OrdinalIgnoreCase) ? null : qualifierText.ToLowerInvariant();
        var allowed = QualifiersOf(rule, _extraction);
        if (qualifier is not null && !allowed.Contains(qualifier))
        {
            if (dropForeignQualifier) qualifier = null;   // the reading's qualifier belonged to the indicator that was corrected away
            else
            {
                Error(sheet, row, qualifierColumn, $"'{qualifierText}' is not a qualifier of {indicator} (allowed: {string.Join(", ", allowed.Append(None))})");
                return null;
            }
        }
        var periodText = sheet.Get(row, periodColumn);
        string? period = periodText.Length == 0 || periodText.Equals(None, StringComparison.OrdinalIgnoreCase) ? null : periodText;
        if (period is not null && !ValidPeriod(period))
        {
            Error(sheet, row, periodColumn, $"'{periodText}' is not a period (2024, 2024-06, 2024-H1, 2024-Q2, an interval 2023/2024, or {None})");
            return null;
        }
        var (value, problem) = GoldRaw.ValueFor(raw, rule.Unit);
        if (value is not decimal v) { Error(sheet, row, rawColumn, $"{problem} of indicator {indicator}"); return null; }
        if (valueColumn is not null && sheet.Get(row, valueColumn) is { Length: > 0 } given)
        {
            if (!decimal.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                Error(sheet, row, valueColumn, $"'{given}' is not a number");
                return null;
            }
            if (Math.Abs(number - v) > 1e-9m * Math.Max(1, Math.Abs(v)))
            {
                Error(sheet, row, valueColumn, $"{given} does not follow from raw '{raw}' (which reads {v.ToString(CultureInfo.InvariantCulture)} {rule.Unit})");
                return null;
            }
        }

        var mention = new JsonObject
        {
            ["indicator"] = indicator,
            ["value"] = GoldRaw.WholeUnit(rule.Unit) ? JsonValue.Create((long)v) : JsonValue.Create(v),
            ["unit"] = rule.Unit,
            ["status"] = status,
        };
        if (qualifier is not null) mention["qualifier"] = qualifier;
        mention["approximate"] = GoldRaw.Approximate(raw);
        if (GoldRaw.Bound(raw) is { } bound) mention["bound"] = bound;
        mention["period"] = period;
        if (sheet.Get(row, "scope") is { Length: > 0 } scope) mention["scope"] = scope;
        mention["raw"] = raw;
        mention["offset"] = offset;
        if (sheet.Get(row, "note") is { Length: > 0 } note) mention["note"] = note;
        return mention;
    }

    /// <summary>The source range of <paramref name="context"/>: found as written, or in the normalised text (as the sentence column shows it) and mapped back.</summary>
    private static (int From, int To) Find(DocumentResult result, string context)
    {
        int at = result.Source.Text.IndexOf(context, StringComparison.Ordinal);
        if (at >= 0) return (at, at + context.Length);
        at = result.Normalized.Text.IndexOf(context, StringComparison.Ordinal);
        return at < 0 ? (-1, -1) : result.Normalized.ToSource(at, at + context.Length);
    }

    /// <summary>The occurrence of <paramref name="raw"/> closest to <paramref name="near"/> (the earlier on a tie), or -1.</summary>
    private static int Nearest(string text, string raw, int near)
    {
        int best = -1;
        for (int at = text.IndexOf(raw, StringComparison.Ordinal); at >= 0; at = text.IndexOf(raw, at + 1, StringComparison.Ordinal))
            if (best < 0 || Math.Abs(at - near) < Math.Abs(best - near)) best = at;
        return best;
    }

    private static int Occurrences(string text, string raw)
    {
        int n = 0;
        for (int at = text.IndexOf(raw, StringComparison.Ordinal); at >= 0; at = text.IndexOf(raw, at + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    private static bool TryInt(string s, out int value)
        => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>The gold's period format: YYYY, YYYY-MM, YYYY-H1/H2, YYYY-Q1..Q4, or an interval A/B of these with A ≤ B.</summary>
    public static bool ValidPeriod(string period)
    {
        var m = PeriodPattern().Match(period);
        if (!m.Success) return false;
        var parts = period.Split('/');
        return parts.Length == 1 || string.CompareOrdinal(parts[0], parts[1]) <= 0;
    }

    [GeneratedRegex(@"^\d{4}(?:-(?:0[1-9]|1[0-2]|H[12]|Q[1-4]))?(?:/\d{4}(?:-(?:0[1-9]|1[0-2]|H[12]|Q[1-4]))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
