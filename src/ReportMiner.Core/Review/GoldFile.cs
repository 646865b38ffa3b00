using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReportMiner.Pipeline;

namespace ReportMiner.Review;

/// <summary>A judged figure on its way into a gold file: a mention, or a negative (<c>not a figure</c>).</summary>
/// <param name="Entry">The mention or negative object as the gold writes it.</param>
/// <param name="Where">Sheet and row it came from, for messages.</param>
public sealed record GoldEdit(int Offset, string Raw, JsonObject Entry, bool Negative, string Where);

/// <summary>What merging did to one gold file.</summary>
public sealed record MergeCounts(int Added, int Replaced, int Unchanged, int Repeats, int Negatives);

/// <summary>
/// Gold files in the <c>corpus/gold</c> format: created from the rules' report split when a
/// document has none yet, merged with reviewed figures, written in the corpus's layout
/// (two-space indent, arrays of numbers on one line, non-ASCII as is). Keys this code does
/// not know are kept as they were.
/// </summary>
public static class GoldFile
{
    /// <summary>The gold file of a document: the folder layout of the input mirrored, named after the file.</summary>
    public static string PathFor(string goldDir, string documentId)
    {
        var dir = Path.GetDirectoryName(documentId.Replace('\\', '/')) ?? "";
        return Path.Combine(goldDir, dir, Path.GetFileNameWithoutExtension(documentId) + ".json");
    }

    /// <summary>
    /// A new gold file: one report per report the rules split the file into (<c>whole</c> when
    /// there is one), lines contiguous over the file, county as the pipeline read it where the
    /// text writes it, <c>"complete": false</c> (only reviewed figures will be in it).
    /// </summary>
    public static JsonObject Create(string documentId, DocumentResult result, string workbookName)
    {
        var text = result.Source.Text;
        var lineStarts = LineStarts(text);
        var firsts = new List<(int Line, ReportResult Report)>();
        foreach (var r in result.Reports)
        {
            int start = r.Report.Start < result.Normalized.Text.Length ? result.Normalized.SourceIndex[r.Report.Start] : text.Length;
            int line = LineOf(lineStarts, start);
            if (firsts.Count == 0) line = 1;
            if (firsts.Count > 0 && line <= firsts[^1].Line) continue;   // run together on one line: one part
            firsts.Add((line, r));
        }
        if (firsts.Count == 0) firsts.Add((1, null!));
        var reports = new JsonArray();
        for (int i = 0; i < firsts.Count; i++)
        {
            int last = i + 1 < firsts.Count ? firsts[i + 1].Line - 1 : lineStarts.Count;
            var county = firsts[i].Report?.County.Name is { Length: > 0 } name && text.Contains(name, StringComparison.Ordinal) ? name : null;
            reports.Add(new JsonObject
            {
                ["part"] = firsts.Count == 1 ? "whole" : "report " + (i + 1).ToString(CultureInfo.InvariantCulture),
                ["county"] = county,
                ["lines"] = new JsonArray(firsts[i].Line, last),
                ["complete"] = false,
                ["note"] = $"Created by reportminer review --apply from {workbookName}: only the figures reviewed there are annotated (complete: false); the county is the pipeline's reading.",
                ["mentions"] = new JsonArray(),
                ["negatives"] = new JsonArray(),
            });
        }
        return new JsonObject { ["document"] = Path.GetFileName(documentId.Replace('\\', '/')), ["reports"] = reports };
    }

    /// <summary>
    /// Puts reviewed figures into a gold file. A figure replaces any mention or negative whose
    /// raw overlaps it (the latest judgement wins); mentions and negatives stay sorted by offset;
    /// a mention repeating another of its report (same indicator, value, status, qualifier,
    /// scope and period) is kept once, at its first occurrence, as the gold convention says.
    /// Re-applying the same workbook changes nothing.
    /// </summary>
    /// <param name="problems">Figures that fall in no report's lines (one line each).</param>
    public static MergeCounts Merge(JsonObject gold, IReadOnlyList<GoldEdit> edits, string sourceText, List<string> problems)
    {
        var lineStarts = LineStarts(sourceText);
        var reports = gold["reports"]!.AsArray().Select(r => r!.AsObject()).ToList();
        int added = 0, replaced = 0, unchanged = 0, repeats = 0, negatives = 0;
        foreach (var edit in edits)
        {
            int end = edit.Offset + edit.Raw.Length;
            bool same = false;
            foreach (var report in reports)
            {
                foreach (var key in JudgementLists)
                {
                    if (report[key] is not JsonArray list) continue;
                    for (int i = list.Count - 1; i >= 0; i--)
                    {
                        var old = list[i]!.AsObject();
                        int o = old["offset"]?.GetValue<int>() ?? -1;
                        int len = old["raw"]?.GetValue<string>().Length ?? 0;
                        if (o < 0 || !(o < end && edit.Offset < o + len)) continue;
                        list.RemoveAt(i);
                        bool sameKind = key == (edit.Negative ? "negatives" : "mentions");
                        // What the workbook cannot say (an annotator's note, a scope) stays from the earlier judgement of the figure.
                        if (sameKind && old["offset"]!.GetValue<int>() == edit.Offset)
                            foreach (var keep in KeptFromEarlier)
                                if (old[keep] is { } value && edit.Entry[keep] is null) Insert(edit.Entry, keep, value.DeepClone());
                        if (sameKind && JsonNode.DeepEquals(old, edit.Entry)) same = true;
                        else replaced++;
                    }
                }
            }
            var holder = reports.FirstOrDefault(r => Holds(r, edit.Offset, end, lineStarts, reports.Count));
            if (holder is null)
            {
                problems.Add($"{edit.Where}: the figure at offset {edit.Offset} is in no report of the gold file's lines");
                continue;
            }
            var target = edit.Negative ? "negatives" : "mentions";
            if (holder[target] is not JsonArray into) holder[target] = into = new JsonArray();
            into.Add(edit.Entry.DeepClone());
            if (same) unchanged++;
            else if (edit.Negative) negatives++;
            else added++;
        }
        foreach (var report in reports)
        {
            foreach (var key in JudgementLists)
                if (report[key] is JsonArray list) Sort(list);
            if (report["mentions"] is JsonArray mentions) repeats += DropRepeats(mentions);
        }
        return new MergeCounts(added, replaced, unchanged, repeats, negatives);
    }

    private static readonly string[] SignatureKeys = ["indicator", "value", "status", "qualifier", "scope", "period"];
    private static readonly string[] JudgementLists = ["mentions", "negatives"];

    /// <summary>Keys a reviewed figure takes over from the earlier judgement of the same figure when it has none.</summary>
    private static readonly string[] KeptFromEarlier = ["scope", "note"];

    /// <summary>Adds <paramref name="key"/> where the gold's key order puts it: scope before raw, note last.</summary>
    private static void Insert(JsonObject entry, string key, JsonNode value)
    {
        if (key == "scope" && entry.ContainsKey("raw"))
        {
            var items = entry.ToList();
            entry.Clear();
            foreach (var (k, v) in items)
            {
                if (k == "raw") entry[key] = value;
                entry[k] = v;
            }
        }
        else entry[key] = value;
    }

    private static bool Holds(JsonObject report, int start, int end, List<int> lineStarts, int reportCount)
    {
        if (report["lines"] is not JsonArray lines || lines.Count != 2) return reportCount == 1;
        int first = lines[0]!.GetValue<int>(), last = lines[1]!.GetValue<int>();
        int from = lineStarts[Math.Clamp(first - 1, 0, lineStarts.Count - 1)];
        int to = last < lineStarts.Count ? lineStarts[last] : int.MaxValue;
        return start >= from && end <= to;
    }

    private static void Sort(JsonArray list)
    {
        var items = list.Select(n => n!).OrderBy(n => n["offset"]?.GetValue<int>() ?? int.MaxValue).ToList();
        list.Clear();
        foreach (var item in items) list.Add(item);
    }

    /// <summary>Removes later mentions with the same signature as an earlier one; returns how many.</summary>
    private static int DropRepeats(JsonArray mentions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int dropped = 0;
        for (int i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i]!;
            var signature = string.Join('\u0001', SignatureKeys.Select(k => m[k]?.ToJsonString() ?? "null"));
            if (seen.Add(signature)) continue;
            mentions.RemoveAt(i--);
            dropped++;
        }
        return dropped;
    }

    /// <summary>0-based offsets where each line starts (split on LF, as the gold's <c>lines</c> count).</summary>
    public static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        return starts;
    }

    private static int LineOf(List<int> starts, int offset)
    {
        int i = starts.BinarySearch(offset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }

    /// <summary>The gold file's text in the corpus layout, ending with a line break.</summary>
    public static string Serialize(JsonNode node)
    {
        var sb = new StringBuilder();
        Write(sb, node, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int indent)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj when obj.Count == 0:
                sb.Append("{}");
                break;
            case JsonObject obj:
                sb.Append("{\n");
                int k = 0;
                foreach (var (key, value) in obj)
                {
                    sb.Append(' ', indent + 2);
                    WriteString(sb, key);
                    sb.Append(": ");
                    Write(sb, value, indent + 2);
                    sb.Append(++k < obj.Count ? ",\n" : "\n");
                }
                sb.Append(' ', indent).Append('}');
                break;
            case JsonArray arr when arr.Count == 0:
                sb.Append("[]");
                break;
            case JsonArray arr when arr.All(v => v is JsonValue):
                sb.Append('[');
                for (int i = 0; i < arr.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, arr[i], indent);
                }
                sb.Append(']');
                break;
            case JsonArray arr:
                sb.Append("[\n");
                for (int i = 0; i < arr.Count; i++)
                {
                    sb.Append(' ', indent + 2);
                    Write(sb, arr[i], indent + 2);
                    sb.Append(i + 1 < arr.Count ? ",\n" : "\n");
                }
                sb.Append(' ', indent).Append(']');
                break;
            case JsonValue value:
                if (value.GetValueKind() == JsonValueKind.String) WriteString(sb, value.GetValue<string>());
                else sb.Append(value.ToJsonString());
                break;
        }
    }

    /// <summary>A JSON string with only what JSON requires escaped (quote, backslash, control characters), as Python's ensure_ascii=False writes it.</summary>
    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case < ' ': sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(ch); break;
            }
        }
        sb.Append('"');
    }

    /// <summary>Parses a gold file keeping every key and number as written.</summary>
    public static JsonObject Parse(string json) => JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("not a JSON object");
}
