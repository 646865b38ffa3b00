using System.Globalization;
using System.Text;
using ReportMiner.Output;

namespace ReportMiner.Export;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS and SVG, no script, nothing fetched)
/// to look at a run. An overview (counties × indicators coverage, errors, conflicts), then one
/// section per county: a table of its indicators by period, a line chart per indicator over the
/// years (actual and target distinguished) and the sentences the values come from, each value
/// linked to its sentences. Fed like the tables (<see cref="ITableWriter"/>), so <c>run</c>,
/// <c>merge</c> and <c>report</c> write the same bytes for the same folder.
/// </summary>
/// <remarks>
/// Large batches: a value links to at most <see cref="MaxSentencesPerValue"/> sentences (the
/// chosen figure's first; the others are counted), a sentence is cut at
/// <see cref="MaxSentenceLength"/> characters, and the overview lists at most
/// <see cref="MaxListed"/> errors and conflicts (the rest are counted). What is kept while the
/// batch runs is one compact record per mention and each distinct sentence once per county.
/// </remarks>
public sealed class HtmlReportWriter : ITableWriter
{
    public const string FileName = "report.html";
    public const int MaxSentencesPerValue = 3;
    public const int MaxSentenceLength = 300;
    public const int MaxListed = 500;

    private readonly string _path;
    private readonly IReportValueChooser _chooser;
    private readonly Dictionary<string, CountyData> _counties = new(StringComparer.Ordinal);
    /// <summary>The latest published date of the file whose rows are coming in (rows come file by file).</summary>
    private string? _publishedFile, _published;
    private readonly List<ErrorRow> _errors = [];
    private int _files;
    private string? _lastFile;
    private bool _completed;

    public HtmlReportWriter(string path, IReportValueChooser? chooser = null)
    {
        _path = path;
        _chooser = chooser ?? new GroupingValueChooser();
    }

    public void AddDocument(DocumentRow document)
    {
        var county = Data(document.CountyKey);
        county.Documents++;
        if (_publishedFile != document.Id) (_publishedFile, _published) = (document.Id, null);
        if (string.CompareOrdinal(document.Published ?? "", _published ?? "") > 0) _published = document.Published;
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
        county.Row ??= m.County;
        var sentenceKey = (m.Document, m.Page, m.Sentence);
        if (!county.SentenceIndex.TryGetValue(sentenceKey, out int sentence))
        {
            sentence = county.Sentences.Count;
            county.SentenceIndex[sentenceKey] = sentence;
            county.Sentences.Add(new Sentence(Html.Clip(m.Sentence, MaxSentenceLength), m.Document, m.Page));
        }
        // The report number is not on a mention: the file's latest published date stands for it.
        string? published = _publishedFile == m.Document ? _published : null;
        county.Mentions.Add(new ReportMention(m.Indicator, m.Qualifier, m.Scope, m.Status, m.Period, m.Value, m.Unit, m.Raw, m.Approximate,
            m.Document, published, sentence));
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
        public CountyRow? Row;
        public int Documents;
        public readonly List<ReportMention> Mentions = [];
        public readonly List<Sentence> Sentences = [];
        public readonly Dictionary<(string, int?, string), int> SentenceIndex = [];
    }

    private sealed record Sentence(string Text, string Document, int? Page);

    /// <summary>A county as rendered: its place in the page, its values and the indicators they cover.</summary>
    private sealed record CountyView(int Index, CountyRow Row, CountyData Data, IReadOnlyList<ReportValue> Values)
    {
        public string Id => "c" + Index.ToString(CultureInfo.InvariantCulture);
        public string SentenceId(int sentence) => Id + "-s" + sentence.ToString(CultureInfo.InvariantCulture);
    }

    private void Render(TextWriter w, IReadOnlyList<CountyRow> counties)
    {
        var views = new List<CountyView>(counties.Count);
        foreach (var row in counties)
        {
            var data = _counties.TryGetValue(row.Key, out var d) ? d : new CountyData();
            views.Add(new CountyView(views.Count, row, data, _chooser.Choose(data.Mentions)));
        }
        var indicators = views.SelectMany(v => v.Values).Select(v => v.Indicator).Distinct().Order(StringComparer.Ordinal).ToList();
        int mentions = views.Sum(v => v.Data.Mentions.Count);
        int documents = views.Sum(v => v.Data.Documents);

        w.Write("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write("<title>ReportMiner report</title>\n<style>\n");
        w.Write(Style);
        w.Write("</style>\n</head>\n<body>\n<header><h1>ReportMiner report</h1>\n<p class=\"meta\">");
        w.Write(Invariant($"{_files} files, {documents} reports, {mentions} mentions, {views.Count} counties, {_errors.Count} errors"));
        w.Write("</p></header>\n");
        WriteOverview(w, views, indicators);
        foreach (var view in views) WriteCounty(w, view);
        w.Write("</body>\n</html>\n");
    }

    private void WriteOverview(TextWriter w, List<CountyView> views, List<string> indicators)
    {
        w.Write("<section id=\"overview\">\n<h2>Overview</h2>\n");
        w.Write("<p>Each cell counts the periods a county has a value for (actual, then target after the slash). Click a county for its section.</p>\n");
        w.Write("<table class=\"coverage\">\n<thead><tr><th>county</th><th>province</th><th>reports</th>");
        foreach (var indicator in indicators)
        {
            w.Write("<th class=\"ind\"><span>");
            Html.Text(w, indicator);
            w.Write("</span></th>");
        }
        w.Write("<th>conflicts</th></tr></thead>\n<tbody>\n");
        foreach (var view in views)
        {
            w.Write("<tr><th><a href=\"#" + view.Id + "\">");
            Html.Text(w, view.Row.Name ?? view.Row.Key);
            w.Write("</a></th><td>");
            Html.Text(w, view.Row.Province);
            w.Write("</td><td class=\"n\">" + view.Data.Documents.ToString(CultureInfo.InvariantCulture) + "</td>");
            foreach (var indicator in indicators)
            {
                int actual = 0, target = 0;
                foreach (var v in view.Values)
                    if (v.Indicator == indicator) _ = v.Status == "target" ? target++ : actual++;
                if (actual + target == 0) w.Write("<td></td>");
                else w.Write(Invariant($"<td class=\"has\">{actual}{(target > 0 ? "/" + target.ToString(CultureInfo.InvariantCulture) : "")}</td>"));
            }
            int conflicted = view.Values.Count(v => v.Conflict);
            w.Write(conflicted > 0 ? Invariant($"<td class=\"n bad\">{conflicted}</td></tr>\n") : "<td></td></tr>\n");
        }
        w.Write("</tbody></table>\n");

        w.Write(Invariant($"<h3 id=\"errors\">Errors ({_errors.Count})</h3>\n"));
        if (_errors.Count == 0) w.Write("<p>No file failed.</p>\n");
        else
        {
            w.Write("<table class=\"list\"><thead><tr><th>document</th><th>stage</th><th>reason</th></tr></thead><tbody>\n");
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

        var conflicts = views.SelectMany(v => v.Values.Where(x => x.Conflict).Select(x => (View: v, Value: x))).ToList();
        w.Write(Invariant($"<h3 id=\"conflicts\">Conflicts ({conflicts.Count})</h3>\n"));
        if (conflicts.Count == 0) w.Write("<p>No county reports two different figures for the same indicator, status and period.</p>\n");
        else
        {
            w.Write("<p>Same county, indicator, qualifier, status and period; figures more than 0.5% apart. The first is the one shown.</p>\n");
            w.Write("<table class=\"list\"><thead><tr><th>county</th><th>indicator</th><th>status</th><th>period</th><th>figures</th></tr></thead><tbody>\n");
            foreach (var (view, value) in conflicts.Take(MaxListed))
            {
                w.Write("<tr><td><a href=\"#" + view.Id + "\">");
                Html.Text(w, view.Row.Name ?? view.Row.Key);
                w.Write("</a></td><td>");
                WriteIndicatorLabel(w, value.Indicator, value.Qualifier, value.Scope);
                w.Write("</td><td>");
                Html.Text(w, value.Status);
                w.Write("</td><td>");
                Html.Text(w, value.Period ?? "-");
                w.Write("</td><td>");
                WriteValueLinks(w, view, value);
                w.Write("</td></tr>\n");
            }
            w.Write("</tbody></table>\n");
            if (conflicts.Count > MaxListed) w.Write(Invariant($"<p>{conflicts.Count - MaxListed} more conflicts are marked in the county sections.</p>\n"));
        }
        w.Write("</section>\n");
    }

    private static void WriteCounty(TextWriter w, CountyView view)
    {
        var row = view.Row;
        w.Write("<section class=\"county\" id=\"" + view.Id + "\">\n<h2>");
        Html.Text(w, row.Name ?? row.Key);
        w.Write(" <small>");
        Html.Text(w, string.Join(" ", new[] { row.Code, row.Province, row.City }.Where(s => !string.IsNullOrEmpty(s))));
        if (row.Name is null) Html.Text(w, "county not named" + (row.Candidates.Count > 0 ? ": " + string.Join(", ", row.Candidates) : ""));
        w.Write("</small></h2>\n<p class=\"meta\">");
        w.Write(Invariant($"{view.Data.Documents} reports, {view.Data.Mentions.Count} mentions, {view.Values.Count} values"));
        int conflicts = view.Values.Count(v => v.Conflict);
        if (conflicts > 0) w.Write(Invariant($", <span class=\"bad\">{conflicts} conflicts</span>"));
        w.Write(" &middot; <a href=\"#overview\">overview</a></p>\n");
        if (view.Values.Count == 0)
        {
            w.Write("<p>No indicator was found in this county's reports.</p>\n</section>\n");
            return;
        }

        // Table: a row per indicator (with qualifier and scope), a column per period, in time order.
        var periods = view.Values.Select(v => v.Period).Distinct().Order(Comparer<string?>.Create(PeriodSpan.Compare)).ToList();
        var rows = view.Values.GroupBy(v => (v.Indicator, v.Qualifier, v.Scope))
            .OrderBy(g => g.Key.Indicator, StringComparer.Ordinal).ThenBy(g => g.Key.Qualifier ?? "", StringComparer.Ordinal)
            .ThenBy(g => g.Key.Scope ?? "", StringComparer.Ordinal).ToList();
        w.Write("<div class=\"scroll\"><table class=\"values\">\n<thead><tr><th>indicator</th>");
        foreach (var p in periods)
        {
            w.Write("<th>");
            Html.Text(w, p ?? "no period");
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
                foreach (var value in group.Where(v => v.Period == p).OrderBy(v => v.Status == "target" ? 1 : 0).ThenBy(v => v.Status, StringComparer.Ordinal))
                {
                    w.Write("<div class=\"" + (value.Status == "target" ? "target" : "actual") + (value.Conflict ? " bad" : "") + "\">");
                    if (value.Status != "actual")
                    {
                        Html.Text(w, value.Status);
                        w.Write(' ');
                    }
                    WriteValueLinks(w, view, value);
                    w.Write("</div>");
                }
                w.Write("</td>");
            }
            w.Write("</tr>\n");
        }
        w.Write("</tbody></table></div>\n");

        // Charts: one per indicator; a line per qualifier/scope and status, full-year periods only.
        w.Write("<div class=\"charts\">\n");
        foreach (var byIndicator in rows.GroupBy(g => g.Key.Indicator))
        {
            var series = new List<SvgLineChart.Series>();
            var legend = new List<(int Colour, bool Target, string Label)>();
            int colour = 0;
            string unit = "";
            foreach (var group in byIndicator)
            {
                foreach (var target in new[] { false, true })
                {
                    var points = group.Where(v => (v.Status == "target") == target && PeriodSpan.Parse(v.Period) is { FullYear: true })
                        .Select(v => new SvgLineChart.Point(PeriodSpan.Parse(v.Period)!.Value.Year, v.Value,
                            v.Period + ": " + v.Raw + (v.Conflict ? " (conflict)" : ""), "#" + view.SentenceId(view.Data.Mentions[v.Mentions[0]].Sentence)))
                        .OrderBy(p => p.Year).ToList();
                    unit = group.First().Unit;
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

        // Sentences the values link to, with their document and page.
        var linked = new SortedSet<int>();
        foreach (var value in view.Values)
            foreach (var i in Shown(view, value)) linked.Add(view.Data.Mentions[i].Sentence);
        w.Write("<h3>Sentences</h3>\n<ol class=\"sentences\">\n");
        foreach (var s in linked)
        {
            var sentence = view.Data.Sentences[s];
            w.Write("<li id=\"" + view.SentenceId(s) + "\"><q>");
            Html.Text(w, sentence.Text);
            w.Write("</q> <cite>");
            Html.Text(w, sentence.Document);
            if (sentence.Page is int page) w.Write(", p. " + page.ToString(CultureInfo.InvariantCulture));
            w.Write("</cite></li>\n");
        }
        w.Write("</ol>\n</section>\n");
    }

    /// <summary>
    /// The mentions a value links to: the chosen one, then up to <see cref="MaxSentencesPerValue"/>
    /// − 1 that disagree with it (a conflict's other side). Figures that agree are counted, not linked.
    /// </summary>
    private static List<int> Shown(CountyView view, ReportValue value)
    {
        var shown = new List<int>(1) { value.Mentions[0] };
        foreach (var i in value.Mentions.Skip(1))
        {
            if (shown.Count >= MaxSentencesPerValue) break;
            if (!GroupingValueChooser.Agree(view.Data.Mentions[i].Value, value.Value)) shown.Add(i);
        }
        return shown;
    }

    /// <summary>The chosen figure linked to its sentence, then the disagreeing ones (see <see cref="Shown"/>) and counts of the rest.</summary>
    private static void WriteValueLinks(TextWriter w, CountyView view, ReportValue value)
    {
        var shown = Shown(view, value);
        for (int k = 0; k < shown.Count; k++)
        {
            var m = view.Data.Mentions[shown[k]];
            if (k > 0) w.Write(k == 1 ? " <span class=\"alt\">vs " : ", ");
            w.Write("<a href=\"#" + view.SentenceId(m.Sentence) + "\"" + (m.Approximate ? " class=\"approx\"" : "") + ">");
            Html.Text(w, m.Raw);
            w.Write("</a>");
        }
        if (shown.Count > 1) w.Write("</span>");
        int unlisted = value.Disagreeing - (shown.Count - 1);
        if (unlisted > 0) w.Write(Invariant($" <span class=\"alt\">and {unlisted} more</span>"));
        if (value.Agreeing > 0) w.Write(Invariant($" <sup title=\"figures that agree\">&times;{value.Agreeing + 1}</sup>"));
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
.s{fill:none}.s polyline{stroke:currentColor;stroke-width:1.6;fill:none}.s.t polyline{stroke-dasharray:4 3}.s circle{fill:currentColor}.s rect{fill:#fff;stroke:currentColor;stroke-width:1.5}
text.none{font-size:12px;fill:#999;text-anchor:middle}
.k0{color:#1f77b4}.k1{color:#d62728}.k2{color:#2ca02c}.k3{color:#9467bd}.k4{color:#ff7f0e}.k5{color:#17becf}
ol.sentences{font-size:13px;padding-left:28px}ol.sentences li{margin:2px 0}ol.sentences li:target{background:#fff3c4}q{quotes:none}

""";
}
