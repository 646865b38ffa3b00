using System.Text;
using ReportMiner.Segmentation;

namespace ReportMiner.Segmentation.Tests;

/// <summary>Locates data inside the repository (walks up to ReportMiner.sln) and shares one default segmenter.</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportMiner.sln"))) return dir.FullName;
        throw new InvalidOperationException("ReportMiner.sln not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<JiebaSegmenter> DefaultSegmenter = new(() => JiebaSegmenterBuilder.FromModel(ModelDirectory).Build());

    public static string RepoRoot => Root.Value;

    public static string ModelDirectory => Path.Combine(RepoRoot, "models", "jieba");

    public static string PathOf(string relative) => Path.Combine(RepoRoot, relative.Replace('/', Path.DirectorySeparatorChar));

    public static JiebaSegmenter Default => DefaultSegmenter.Value;

    /// <summary>jieba_ref.py's line rules: UTF-8, BOM dropped, split on \n only, trailing \r removed, no extra line after a final \n.</summary>
    public static List<string> ReadLines(string path)
    {
        var text = new UTF8Encoding(false, true).GetString(File.ReadAllBytes(path));
        if (text.StartsWith('\uFEFF')) text = text[1..];
        var lines = text.Split('\n').ToList();
        if (text.EndsWith('\n')) lines.RemoveAt(lines.Count - 1);
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].EndsWith('\r')) lines[i] = lines[i][..^1];
        return lines;
    }

    public static List<string> CutStrings(JiebaSegmenter seg, string text, SegmentMode mode)
    {
        var tokens = new List<Token>();
        seg.Cut(text, tokens, mode);
        return tokens.Select(t => text.Substring(t.Start, t.Length)).ToList();
    }

    public static SegmentMode ParseMode(string name) => name switch
    {
        "accurate" => SegmentMode.Accurate,
        "nohmm" => SegmentMode.AccurateNoHmm,
        "search" => SegmentMode.Search,
        "searchnohmm" => SegmentMode.SearchNoHmm,
        _ => throw new ArgumentException("unknown mode " + name),
    };

    public static string Show(IEnumerable<string> tokens) => string.Join(" | ", tokens.Select(Escape));

    public static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            if (c < ' ' || c is '\x7f' or '\x85' or '\xa0' || (c >= '\u2000' && c <= '\u206f') || c == '\u3000' || c == '\u1680' || c == '\ufeff')
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
