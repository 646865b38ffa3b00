using System.Globalization;
using System.Text;
using ReportMiner.Output;
using ReportMiner.Panel;

namespace ReportMiner.Export;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS and SVG, no script, nothing fetched)
/// to look at a run. An overview (counties × indicators coverage, errors, conflicts, checks),
/// then one section per county: a table of its indicators by period, a line chart per indicator
/// over the years (actual and target distinguished) and the sentences the values come from,
/// each value linked to its sentence. The values are the panel's (<see cref="PanelBuilder"/>:
/// one per county, indicator, period, qualifier and scope); since the panel prefers an actual
/// to a target, the targets shown come from the same rules applied to the targets alone. Fed
/// like the tables (<see cref="ITableWriter"/>), so <c>run</c>, <c>merge</c> and <c>report</c>
/// write the same bytes for the same folder.
/// </summary>
/// <remarks>
/// Large batches: a value links to its chosen figure's sentence and at most
/// <see cref="MaxSentencesPerValue"/> − 1 disagreeing ones (the others are counted), a sentence
/// is cut at <see cref="MaxSentenceLength"/> characters, only sentences something links to are
/// listed, and the overview lists at most <see cref="MaxListed"/> errors, conflicts and checks
/// (the rest are counted; the tables have them all).
/// </remarks>
public sealed class HtmlReportWriter : ITableWriter
{
    public const string FileName = "report.html";
    public const int MaxSentencesPerValue = 3;
    public const int MaxSentenceLength = 300;
    public const int MaxListed = 500;

    private readonly string _path;
    private readonly PanelCollector _panel;
    private readonly PanelBuilder _targets;
    private readonly Dictionary<string, CountyData> _counties = new(StringComparer.Ordinal);
    /// <summary>Every mention by its table id: its county and its sentence in that county's list.</summary>
    private readonly Dictionary<long, (CountyData County, int Sentence)> _mentions = [];

    /// <summary>Mentions read from OCR text, and whether Tesseract doubted their digits (<c>ocr_doubtful</c>).</summary>
    private readonly Dictionary<long, bool> _ocr = [];
    private readonly List<ErrorRow> _errors = [];
    private int _files, _mentionCount;
    private string? _lastFile;
    private bool _completed;

    public HtmlReportWriter(string path, PanelOptions? panel = null)
    {
        _path = path;
        _panel = new PanelCollector(panel);
        _targets = new PanelBuilder(panel);
    }

    public void AddDocument(DocumentRow document)
    {
        Data(document.CountyKey).Documents++;
        _panel.AddDocument(document);
        _targets.AddDocument(new PanelDocument(document.Id, document.Report ?? 1, document.Published, document.Period));
        if (_lastFile != document.Id)
        {
            _lastFile = document.Id;
            _files++;
        }
    }

    public void AddMention(MentionRow mention)
    {
        var m = mention;
        var county = Data(m.County.Key);
        var (id, partOf) = _panel.AddMention(m);
        _mentionCount++;
        county.Mentions++;
        if (m.Status == "target")
            _targets.AddMention(new PanelMention(id, m.County.Key, m.County.Name, m.Indicator, m.Status, m.Qualifier, m.Scope, m.Value, m.Unit,
                m.Raw, m.Approximate, m.Period, m.Document, m.Report, m.Sentence, m.Role, partOf));
        var sentenceKey = (m.Document, m.Page, m.Sentence);
        if (!county.SentenceIndex.TryGetValue(sentenceKey, out int sentence))
        {
            sentence = county.Sentences.Count;
            county.SentenceIndex[sentenceKey] = sentence;
            county.Sentences.Add(new Sentence(Html.Clip(m.Sentence, MaxSentenceLength), m.Document, m.Page));
        }
        _mentions[id] = (county, sentence);
        if (m.Ocr) _ocr[id] = m.OcrDoubtful;
    }

    public void AddError(ErrorRow error)
    {
        _errors.Add(error);
        _files++;
        _lastFile = error.Document;
    }

    public bool Complete(IReadOnlyList<CountyRow> counties)
    {
        if (_completed) throw new InvalidOperationException("already completed");
        _completed = true;
        var tmp = AtomicFile.TempPathFor(_path);
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
                Render(w, counties);
            return AtomicFile.PublishIfChanged(tmp, _path);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    public void Dispose() { }

    private CountyData Data(string key)
    {
        if (!_counties.TryGetValue(key, out var data)) _counties[key] = data = new CountyData();
        return data;
    }

    private sealed class CountyData
    {
        public int Index = -1;
        public int Documents, Mentions;
        public readonly List<Sentence> Sentences = [];
        public readonly Dictionary<(string, int?, string), int> SentenceIndex = [];
        public readonly List<Cell> Cells = [];
        public readonly SortedSet<int> Linked = [];
        public string Id => "c" + Index.ToString(CultureInfo.InvariantCulture);
        public string SentenceId(int sentence) => Id + "-s" + sentence.ToString(CultureInfo.InvariantCulture);
    }

    private sealed record Sentence(string Text, string Document, int? Page);

    /// <summary>A value shown: a panel row (actual side) or a target-panel row, and the mentions it links to (the chosen one first).</summary>
    private sealed record Cell(PanelRow Row, bool Target, IReadOnlyList<long> Links, int Unlisted);

    /// <summary>The anchor of a mention's sentence.</summary>
    private string Href(long mentionId)
    {
        var (county, sentence) = _mentions[mentionId];
        return "#" + county.SentenceId(sentence);
    }

    /// <summary>Marks a mention's sentence to be listed (something links to it).</summary>
    private void Link(long mentionId)
    {
        var (county, sentence) = _mentions[mentionId];
        county.Linked.Add(sentence);
    }

    private void Render(TextWriter w, IReadOnlyList<CountyRow> counties)
    {
        var panel = _panel.Build();
        var targets = _targets.Build();
        var others = new Dictionary<long, List<long>>();
        foreach (var c in panel.Conflicts.Concat(targets.Conflicts))
        {
            if (!others.TryGetValue(c.ChosenMentionId, out var list)) others[c.ChosenMentionId] = list = [];
            if (!list.Contains(c.OtherMentionId)) list.Add(c.OtherMentionId);
            _otherRaw[c.OtherMentionId] = c.OtherRaw;
        }
        var views = new List<(CountyRow Row, CountyData Data)>(counties.Count);
        foreach (var row in counties)
        {
            var data = Data(row.Key);
            data.Index = views.Count;
            views.Add((row, data));
        }
        void AddCell(PanelRow r, bool target)
        {
            var links = new List<long> { r.MentionId };
            int unlisted = 0;
            if (others.TryGetValue(r.MentionId, out var list))
            {
                links.AddRange(list.Take(MaxSentencesPerValue - 1));
                unlisted = Math.Max(0, list.Count - (MaxSentencesPerValue - 1));
            }
            foreach (var id in links) Link(id);
            Data(r.CountyKey).Cells.Add(new Cell(r, target, links, unlisted));
        }
        foreach (var r in panel.Rows)
            if (r.Status != "target") AddCell(r, target: false);
        foreach (var r in targets.Rows) AddCell(r, target: true);
        foreach (var c in panel.Conflicts.Take(MaxListed))
        {
            Link(c.ChosenMentionId);
            Link(c.OtherMentionId);
        }
        foreach (var c in panel.Checks.Take(MaxListed))
        {
            Link(c.MentionId);
            if (c.OtherMentionId is long other) Link(other);
        }
        var indicators = views.SelectMany(v => v.Data.Cells).Select(c => c.Row.Indicator).Distinct().Order(StringComparer.Ordinal).ToList();
        int documents = views.Sum(v => v.Data.Documents);

        w.Write("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write("<title>ReportMiner report</title>\n<style>\n");
        w.Write(Style);
        w.Write("</style>\n</head>\n<body>\n<header><h1>ReportMiner report</h1>\n<p class=\"meta\">");
        w.Write(Invariant($"{_files} files, {documents} reports, {_mentionCount} mentions, {views.Count} counties, {panel.Rows.Count} panel values, {panel.Conflicts.Count} conflicts, {panel.Checks.Count} failed checks, {_errors.Count} errors"));
        w.Write("</p></header>\n");
        WriteOverview(w, views, indicators, panel);
        foreach (var (row, data) in views) WriteCounty(w, row, data);
        w.Write("</body>\n</html>\n");
    }

    private void WriteOverview(TextWriter w, List<(CountyRow Row, CountyData Data)> views, List<string> indicators, PanelResult panel)
    {
        w.Write("<section id=\"overview\">\n<h2>Overview</h2>\n");
        w.Write("<p>Each cell counts the periods a county has a value for in the panel (actual, then target after the slash). Click a county for its section.</p>\n");
        w.Write("<table class=\"coverage\">\n<thead><tr><th>county</th><th>province</th><th>reports</th>");
        foreach (var indicator in indicators)
        {
            w.Write("<th class=\"ind\"><span>");
            Html.Text(w, indicator);
            w.Write("</span></th>");
        }
        w.Write("<th>conflicts</th></tr></thead>\n<tbody>\n");
        foreach (var (row, data) in views)
        {
            w.Write("<tr><th><a href=\"#" + data.Id + "\">");
            Html.Text(w, row.Name ?? row.Key);
            w.Write("</a></th><td>");
            Html.Text(w, row.Province);
            w.Write("</td><td class=\"n\">" + data.Documents.ToString(CultureInfo.InvariantCulture) + "</td>");
            foreach (var indicator in indicators)
            {
                int actual = 0, target = 0;
                foreach (var c in data.Cells)
                    if (c.Row.Indicator == indicator) _ = c.Target ? target++ : actual++;
                if (actual + target == 0) w.Write("<td></td>");
                else w.Write(Invariant($"<td class=\"has\">{actual}{(target > 0 ? "/" + target.ToString(CultureInfo.InvariantCulture) : "")}</td>"));
            }
            int conflicted = data.Cells.Count(c => !c.Target && c.Row.Disagree > 0);
            w.Write(conflicted > 0 ? Invariant($"<td class=\"n bad\">{conflicted}</td></tr>\n") : "<td></td></tr>\n");
        }
        w.Write("</tbody></table>\n");

        w.Write(Invariant($"<h3 id=\"errors\">Errors ({_errors.Count})</h3>\n"));
        if (_errors.Count == 0) w.Write("<p>No file failed.</p>\n");
        else
        {
            w.Write("<table class=\"list\" id=\"error-list\"><thead><tr><th>document</th><th>stage</th><th>reason</th></tr></thead><tbody>\n");
            foreach (var e in _errors.Take(MaxListed))
            {
                w.Write("<tr><td>");
                Html.Text(w, e.Document);
                w.Write("</td><td>");
                Html.Text(w, e.Stage);
                w.Write("</td><td>");
                Html.Text(w, e.Reason);
                w.Write("</td></tr>\n");
            }
            w.Write("</tbody></table>\n");
            if (_errors.Count > MaxListed) w.Write(Invariant($"<p>{_errors.Count - MaxListed} more errors are in errors.jsonl.</p>\n"));
        }

        w.Write(Invariant($"<h3 id=\"conflicts\">Conflicts ({panel.Conflicts.Count})</h3>\n"));
        if (panel.Conflicts.Count == 0) w.Write("<p>No two figures of a panel value disagree.</p>\n");
        else
        {
            w.Write("<p>Figures of the same county, indicator, period, qualifier and scope (and status) more than 0.5% apart; the first is the one the panel chose.</p>\n");
            w.Write("<table class=\"list\" id=\"conflict-list\"><thead><tr><th>county</th><th>indicator</th><th>status</th><th>period</th><th>chosen</th><th>other</th></tr></thead><tbody>\n");
            foreach (var c in panel.Conflicts.Take(MaxListed))
            {
                WriteCountyCell(w, c.CountyKey, views);
                w.Write("<td>");
                WriteIndicatorLabel(w, c.Indicator, c.Qualifier, c.Scope);
                w.Write("</td><td>");
                Html.Text(w, c.Status);
                w.Write("</td><td>");
                Html.Text(w, c.ValuePeriod ?? (c.Period.Length == 0 ? "-" : c.Period));
                w.Write("</td><td>");
                WriteLink(w, c.ChosenMentionId, c.ChosenRaw);
                w.Write("</td><td>");
                WriteLink(w, c.OtherMentionId, c.OtherRaw);
                w.Write("</td></tr>\n");
            }
            w.Write("</tbody></table>\n");
            if (panel.Conflicts.Count > MaxListed) w.Write(Invariant($"<p>{panel.Conflicts.Count - MaxListed} more conflicts are in the conflicts table and marked in the county sections.</p>\n"));
        }

        w.Write(Invariant($"<h3 id=\"checks\">Failed checks ({panel.Checks.Count})</h3>\n"));
        if (panel.Checks.Count == 0) w.Write("<p>No figure failed a plausibility check.</p>\n");
        else
        {
            w.Write("<table class=\"list\" id=\"check-list\"><thead><tr><th>county</th><th>check</th><th>indicator</th><th>figure</th><th>detail</th></tr></thead><tbody>\n");
            foreach (var c in panel.Checks.Take(MaxListed))
            {
                WriteCountyCell(w, c.CountyKey, views);
                w.Write("<td>");
                Html.Text(w, c.Check);
                w.Write("</td><td>");
                Html.Text(w, c.Indicator);
                w.Write("</td><td>");
                WriteLink(w, c.MentionId, c.Value.ToString("0.######", CultureInfo.InvariantCulture));
                w.Write("</td><td>");
                Html.Text(w, c.Detail);
                w.Write("</td></tr>\n");
            }
            w.Write("</tbody></table>\n");
            if (panel.Checks.Count > MaxListed) w.Write(Invariant($"<p>{panel.Checks.Count - MaxListed} more failed checks are in the checks table.</p>\n"));
        }
        w.Write("</section>\n");
    }

    private void WriteCountyCell(TextWriter w, string countyKey, List<(CountyRow Row, CountyData Data)> views)
    {
        var data = Data(countyKey);
        w.Write("<tr><td><a href=\"#" + data.Id + "\">");
        var row = data.Index >= 0 ? views[data.Index].Row : null;
        Html.Text(w, row?.Name ?? countyKey);
        w.Write("</a></td>");
    }

    private void WriteLink(TextWriter w, long mentionId, string text)
    {
        w.Write("<a href=\"");
        Html.Text(w, Href(mentionId));
        w.Write("\">");
        Html.Text(w, text);
        w.Write("</a>");
    }

    private void WriteCounty(TextWriter w, CountyRow row, CountyData data)
    {
        w.Write("<section class=\"county\" id=\"" + data.Id + "\">\n<h2>");
        Html.Text(w, row.Name ?? row.Key);
        w.Write(" <small>");
        Html.Text(w, string.Join(" ", new[] { row.Code, row.Province, row.City }.Where(s => !string.IsNullOrEmpty(s))));
        if (row.Name is null) Html.Text(w, "county not named" + (row.Candidates.Count > 0 ? ": " + string.Join(", ", row.Candidates) : ""));
        w.Write("</small></h2>\n<p class=\"meta\">");
        w.Write(Invariant($"{data.Documents} reports, {data.Mentions} mentions, {data.Cells.Count(c => !c.Target)} values, {data.Cells.Count(c => c.Target)} targets"));
        int conflicts = data.Cells.Count(c => c.Row.Disagree > 0);
        if (conflicts > 0) w.Write(Invariant($", <span class=\"bad\">{conflicts} with conflicting figures</span>"));
        w.Write(" &middot; <a href=\"#overview\">overview</a></p>\n");
        if (data.Cells.Count == 0)
        {
            w.Write("<p>No indicator was found in this county's reports.</p>\n</section>\n");
            return;
        }

        // Table: a row per indicator (with qualifier and scope), a column per period of the panel, in time order.
        var periods = data.Cells.Select(c => c.Row.Period).Distinct().Order(Comparer<string>.Create(ComparePeriods)).ToList();
        var rows = data.Cells.GroupBy(c => (c.Row.Indicator, c.Row.Qualifier, c.Row.Scope))
            .OrderBy(g => g.Key.Indicator, StringComparer.Ordinal).ThenBy(g => g.Key.Qualifier ?? "", StringComparer.Ordinal)
            .ThenBy(g => g.Key.Scope ?? "", StringComparer.Ordinal).ToList();
        w.Write("<div class=\"scroll\"><table class=\"values\">\n<thead><tr><th>indicator</th>");
        foreach (var p in periods)
        {
            w.Write("<th>");
            Html.Text(w, p.Length == 0 ? "no period" : p);
            w.Write("</th>");
        }
        w.Write("</tr></thead>\n<tbody>\n");
        foreach (var group in rows)
        {
            w.Write("<tr><th>");
            WriteIndicatorLabel(w, group.Key.Indicator, group.Key.Qualifier, group.Key.Scope);
            w.Write("</th>");
            foreach (var p in periods)
            {
                w.Write("<td>");
                foreach (var cell in group.Where(c => c.Row.Period == p).OrderBy(c => c.Target))
                {
                    var r = cell.Row;
                    w.Write("<div class=\"" + (cell.Target ? "target" : "actual") + (r.Disagree > 0 ? " bad" : "") + "\">");
                    if (cell.Target) w.Write("target ");
                    for (int k = 0; k < cell.Links.Count; k++)
                    {
                        if (k == 1) w.Write(" <span class=\"alt\">vs ");
                        else if (k > 1) w.Write(", ");
                        var raw = k == 0 ? r.Raw : null;
                        WriteLink(w, cell.Links[k], raw ?? OtherRaw(cell.Links[k]));
                    }
                    WriteOcrMark(w, cell.Links[0]);
                    if (cell.Links.Count > 1) w.Write("</span>");
                    if (cell.Unlisted > 0) w.Write(Invariant($" <span class=\"alt\">and {cell.Unlisted} more</span>"));
                    if (r.ValuePeriod is { } vp && vp != r.Period)
                    {
                        w.Write(" <small>");
                        Html.Text(w, vp);
                        w.Write("</small>");
                    }
                    if (r.Role != "total")
                    {
                        w.Write(" <small>");
                        Html.Text(w, r.Role);
                        w.Write("</small>");
                    }
                    if (r.Agree > 0) w.Write(Invariant($" <sup title=\"figures that agree\">&times;{r.Agree + 1}</sup>"));
                    w.Write("</div>");
                }
                w.Write("</td>");
            }
            w.Write("</tr>\n");
        }
        w.Write("</tbody></table></div>\n");

        // Charts: one per indicator; a line per qualifier/scope and status, over the years with a full-year value.
        w.Write("<div class=\"charts\">\n");
        foreach (var byIndicator in rows.GroupBy(g => g.Key.Indicator))
        {
            var series = new List<SvgLineChart.Series>();
            var legend = new List<(int Colour, bool Target, string Label)>();
            int colour = 0;
            string unit = byIndicator.First().First().Row.Unit;
            foreach (var group in byIndicator)
            {
                foreach (var target in new[] { false, true })
                {
                    var points = group.Where(c => c.Target == target && c.Row.FullPeriod && PeriodInterval.Parse(c.Row.Period) is { IsYear: true })
                        .Select(c => new SvgLineChart.Point(PeriodInterval.Parse(c.Row.Period)!.Value.FirstYear, c.Row.Value,
                            c.Row.Period + ": " + c.Row.Raw + (c.Row.Disagree > 0 ? " (conflicting figures)" : ""), Href(c.Row.MentionId)))
                        .OrderBy(p => p.Year).ToList();
                    if (points.Count == 0) continue;
                    series.Add(new SvgLineChart.Series(colour % 6, target, points));
                    legend.Add((colour % 6, target, Label(group.Key.Qualifier, group.Key.Scope) + (target ? "target" : "actual")));
                }
                colour++;
            }
            w.Write("<figure class=\"chart\" data-indicator=\"");
            Html.Text(w, byIndicator.Key);
            w.Write("\"><figcaption><b>");
            Html.Text(w, byIndicator.Key);
            w.Write("</b> <small>");
            Html.Text(w, unit);
            w.Write("</small>");
            foreach (var (c, target, label) in legend)
            {
                w.Write(" <span class=\"key\"><i class=\"sw k" + c.ToString(CultureInfo.InvariantCulture) + (target ? " t" : "") + "\"></i>");
                Html.Text(w, label);
                w.Write("</span>");
            }
            w.Write("</figcaption>");
            SvgLineChart.Write(w, series, unit);
            w.Write("</figure>\n");
        }
        w.Write("</div>\n");

        // The sentences something links to, with their document and page.
        w.Write("<h3>Sentences</h3>\n<ol class=\"sentences\">\n");
        foreach (var s in data.Linked)
        {
            var sentence = data.Sentences[s];
            w.Write("<li id=\"" + data.SentenceId(s) + "\"><q>");
            Html.Text(w, sentence.Text);
            w.Write("</q> <cite>");
            Html.Text(w, sentence.Document);
            if (sentence.Page is int page) w.Write(", p. " + page.ToString(CultureInfo.InvariantCulture));
            w.Write("</cite></li>\n");
        }
        w.Write("</ol>\n</section>\n");
    }

    /// <summary>After a value read from a scan: "OCR", or "OCR?" with a warning colour where Tesseract doubted its digits.</summary>
    private void WriteOcrMark(TextWriter w, long mentionId)
    {
        if (!_ocr.TryGetValue(mentionId, out bool doubtful)) return;
        w.Write(doubtful
            ? " <span class=\"ocr doubtful\" title=\"read by OCR; Tesseract doubted its digits: check the scan\">OCR?</span>"
            : " <span class=\"ocr\" title=\"read by OCR\">OCR</span>");
    }

    /// <summary>The raw text of a disagreeing figure (from the conflicts, where the panel keeps it).</summary>
    private string OtherRaw(long mentionId) => _otherRaw.TryGetValue(mentionId, out var raw) ? raw : "?";

    private readonly Dictionary<long, string> _otherRaw = [];

    /// <summary>Panel periods in time order: intervals by first then last month, then other text, "" (no period) last.</summary>
    private static int ComparePeriods(string a, string b)
    {
        if (a == b) return 0;
        if (a.Length == 0 || b.Length == 0) return a.Length == 0 ? 1 : -1;
        var ia = PeriodInterval.Parse(a);
        var ib = PeriodInterval.Parse(b);
        if (ia is { } x && ib is { } y)
        {
            int c = x.FirstMonth.CompareTo(y.FirstMonth);
            if (c == 0) c = y.LastMonth.CompareTo(x.LastMonth);
            return c != 0 ? c : string.CompareOrdinal(a, b);
        }
        if (ia is not null || ib is not null) return ia is not null ? -1 : 1;
        return string.CompareOrdinal(a, b);
    }

    private static void WriteIndicatorLabel(TextWriter w, string indicator, string? qualifier, string? scope)
    {
        Html.Text(w, indicator);
        if (qualifier is null && scope is null) return;
        w.Write(" <small>");
        Html.Text(w, string.Join(", ", new[] { qualifier, scope }.Where(s => s is not null)));
        w.Write("</small>");
    }

    private static string Label(string? qualifier, string? scope)
    {
        var parts = new[] { qualifier, scope }.Where(s => s is not null).ToList();
        return parts.Count == 0 ? "" : string.Join(", ", parts) + ", ";
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The whole style sheet, inline: system fonts, no url(), no @import.</summary>
    private const string Style = """
.ocr{font-size:11px;color:#555;border:1px solid #aaa;border-radius:3px;padding:0 2px}.ocr.doubtful{color:#a00;border-color:#a00}
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 16px;color:#222;background:#fff}
h1{font-size:22px;margin:16px 0 4px}h2{font-size:18px;margin:28px 0 4px;border-top:2px solid #ccd;padding-top:12px}h3{font-size:15px;margin:16px 0 6px}
small,.meta,cite{color:#666}a{color:#1a5fb4;text-decoration:none}a:hover{text-decoration:underline}
table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #dde;padding:2px 6px;text-align:left;vertical-align:top}thead th{background:#f3f4f8}
.coverage td.has{background:#e3f0e3;text-align:center}.coverage th.ind{height:120px;vertical-align:bottom;padding:2px}
.coverage th.ind span{writing-mode:vertical-rl;transform:rotate(180deg)}.n{text-align:right}.bad{color:#b00020;font-weight:600}
.scroll{overflow-x:auto}.values td div{white-space:nowrap}.values .target{font-style:italic;color:#7a4b00}.alt{color:#666;font-weight:400}.approx::before{content:"~"}
.charts{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px}figure.chart{margin:0;border:1px solid #dde;padding:4px;width:330px}
figure.chart svg{width:320px;height:160px;display:block}figcaption{font-size:12px}.key{white-space:nowrap;margin-left:6px}
.sw{display:inline-block;width:16px;border-top:2px solid currentColor;vertical-align:middle;margin-right:3px}.sw.t{border-top-style:dashed}
.ax line{stroke:#e4e4ec}.ax text{font-size:10px;fill:#666}.yl{text-anchor:end;dominant-baseline:middle}.xl{text-anchor:middle}
.s{fill:none}.s a{color:inherit}.s polyline{stroke:currentColor;stroke-width:1.6;fill:none}.s.t polyline{stroke-dasharray:4 3}.s circle{fill:currentColor}.s rect{fill:#fff;stroke:currentColor;stroke-width:1.5}
text.none{font-size:12px;fill:#999;text-anchor:middle}
.k0{color:#1f77b4}.k1{color:#d62728}.k2{color:#2ca02c}.k3{color:#9467bd}.k4{color:#ff7f0e}.k5{color:#17becf}
ol.sentences{font-size:13px;padding-left:28px}ol.sentences li{margin:2px 0}ol.sentences li:target{background:#fff3c4}q{quotes:none}

""";
}
