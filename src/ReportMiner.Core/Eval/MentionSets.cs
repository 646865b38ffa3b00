using System.Text.Json;

namespace ReportMiner.Eval;

/// <summary>Reads gold annotations (<c>corpus/gold</c> format) and predictions (<c>out/counties/*.json</c>).</summary>
public static class MentionSets
{
    /// <summary>Document key for scoring: the file name without folder or extension.</summary>
    public static string DocumentKey(string id)
    {
        var name = id.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        int dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    /// <summary>Every gold file (<c>*.json</c> with a <c>reports</c> array) under <paramref name="dir"/>, recursively.</summary>
    public static (List<ScoredMention> Mentions, HashSet<string> Documents, List<string> Problems) ReadGold(string dir)
    {
        var mentions = new List<ScoredMention>();
        var docs = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var path in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("reports", out var reports)) continue;
                var doc = DocumentKey(root.GetProperty("document").GetString() ?? Path.GetFileName(path));
                docs.Add(doc);
                foreach (var report in reports.EnumerateArray())
                {
                    string? county = report.TryGetProperty("county", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    foreach (var m in report.GetProperty("mentions").EnumerateArray())
                        mentions.Add(new ScoredMention(doc, m.GetProperty("indicator").GetString()!, m.GetProperty("status").GetString()!,
                            m.GetProperty("value").GetDouble(), Str(m, "qualifier"), Str(m, "period"), county));
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
            {
                problems.Add($"{path}: not a gold file: {ex.Message}");
            }
        }
        return (mentions, docs, problems);
    }

    /// <summary>Mentions of every county file under <paramref name="dir"/> (an output folder or its counties/ folder).</summary>
    public static (List<ScoredMention> Mentions, HashSet<string> Documents, List<string> Problems) ReadPredictions(string dir)
    {
        var counties = Directory.Exists(Path.Combine(dir, "counties")) ? Path.Combine(dir, "counties") : dir;
        var mentions = new List<ScoredMention>();
        var docs = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var path in Directory.EnumerateFiles(counties, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = json.RootElement;
                var countyName = root.GetProperty("county").TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                foreach (var d in root.GetProperty("documents").EnumerateArray()) docs.Add(DocumentKey(d.GetProperty("id").GetString()!));
                foreach (var m in root.GetProperty("indicators").EnumerateArray())
                    mentions.Add(new ScoredMention(DocumentKey(m.GetProperty("document").GetString()!), m.GetProperty("indicator").GetString()!,
                        m.GetProperty("status").GetString()!, m.GetProperty("value").GetDouble(), Str(m, "qualifier"), Str(m, "period"), countyName));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
            {
                problems.Add($"{path}: not a county file: {ex.Message}");
            }
        }
        return (mentions, docs, problems);
    }

    private static string? Str(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
