using System.Text.RegularExpressions;

namespace ReportMiner.County;

/// <summary>
/// Names the jurisdiction from the text alone: a place name with its suffix (县/区/市/州/旗)
/// in the title, the issuer, the first lines or the body, skipping generic and anonymised
/// forms (全县, 我市, 某县, xx区). Used when no gazetteer is configured.
/// </summary>
public sealed partial class PatternCountyResolver : ICountyResolver
{
    /// <summary>A place name directly before the bureau or government that issues the report.</summary>
    [GeneratedRegex(@"(?<name>[\p{IsCJKUnifiedIdeographs}]{1,5}?(?:自治县|自治州|县|区|市|州|旗))(?=科技局|科学技术局|科技和|经科局|经济科技局|人民政府|政府办|委员会)")]
    private static partial Regex PlaceBeforeIssuer();

    /// <summary>A place name opening the title ("仙居县2024年…", "大连市技术合同…").</summary>
    [GeneratedRegex(@"^[\s【\[]*(?:[^】\]]{0,8}[】\]])?\s*(?<name>[\p{IsCJKUnifiedIdeographs}]{1,4}?(?:自治县|自治州|县|区|市|州|旗))")]
    private static partial Regex PlaceOpeningTitle();

    private static readonly string[] GenericStarts =
    [
        "全", "我", "本", "该", "各", "某", "每", "市", "县", "区", "省", "城", "园", "辖", "新区", "上级", "下辖", "一", "两", "三", "多",
        "开发", "高新", "示范", "试点", "街", "镇", "乡", "村", "地", "分", "主城", "中心", "重点", "和", "及", "与", "在", "到", "对", "从", "是", "为",
    ];

    public CountyRef Resolve(string documentId, string sha256, string? title, string? issuer, string text)
    {
        foreach (var source in new[] { issuer, title, Head(text, 300) })
        {
            if (string.IsNullOrEmpty(source)) continue;
            foreach (Match m in PlaceBeforeIssuer().Matches(source))
            {
                var name = Trim(m.Groups["name"].Value);
                if (name is not null) return new CountyRef(name, name);
            }
        }
        if (title is not null && PlaceOpeningTitle().Match(title) is { Success: true } t && Trim(t.Groups["name"].Value) is { } opening)
            return new CountyRef(opening, opening);
        return Unknown(sha256);
    }

    /// <summary>The key of a document whose county cannot be named: stable across runs and renames.</summary>
    public static CountyRef Unknown(string sha256) => new("unknown-" + sha256[..12], null);

    private static string? Trim(string name)
    {
        // Drop leading words that are not part of a name ("推动仙居县" is rare; "在仙居县" happens).
        foreach (var g in GenericStarts)
        {
            if (name.StartsWith(g, StringComparison.Ordinal)) return null;
        }
        if (name.Length < 2) return null;
        if (name.Contains('x') || name.Contains('X') || name.Contains('*') || name.Contains('□')) return null;
        return name;
    }

    private static string Head(string text, int n) => text.Length <= n ? text : text[..n];
}
