using System.Text.RegularExpressions;

namespace ReportMiner.County;

/// <summary>
/// Names a report's jurisdiction from the GB/T 2260 gazetteer and fills its code, province
/// and city. Looks in the title, then the issuer, then the opening lines, then takes a
/// frequency vote over the body. Anonymised places (某县, xx区, **县, X区) give the
/// <c>unknown-…</c> key; a name that fits several divisions is narrowed by the provinces and
/// cities the text mentions, and otherwise left unresolved with its candidates listed.
/// </summary>
public sealed partial class GazetteerCountyResolver : ICountyResolver
{
    /// <summary>How much of the report's start counts as its opening lines.</summary>
    public const int HeadLength = 400;

    /// <summary>Official names that are also common words or fragments of them (城区, 和县级, 现代县域).</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "城区", "矿区", "郊区", "新区", "新城区", "老城区", "城中区", "城东区", "城西区", "城北区", "市中区", "东区", "西区", "南区", "北区",
        "中区", "高新区", "开发区", "和县", "代县", "青县", "文县", "礼县", "容县", "叶县", "单县", "城县", "东方", "和平", "新华", "长安",
        "中山", "城关", "白云", "南山", "普陀", "朝阳", "新城", "永和", "宁县", "江北", "河口", "铁西", "铁东", "桥东", "桥西", "向阳",
        "成县", "兴县", "全州县", "全州",
    };

    /// <summary>Words after a name that make it the issuing jurisdiction (仙居科技局, 仙居县人民政府).</summary>
    private static readonly string[] OfficeWords =
    [
        "科技局", "科学技术局", "科学技术委员会", "科技和", "科技与", "经科局", "经信局", "经济科技局", "人民政府", "政府", "县委", "区委", "市委", "州委",
        "科协", "科技工作", "科技创新",
    ];

    [GeneratedRegex(@"(?:某|[xX×*＊□○]+)(?:省|市|县|区|州|旗)")]
    private static partial Regex AnonymisedPlace();

    [GeneratedRegex(@"(?:全|我|本|该)(县|区|市|州|旗)|(县|区|市|州|旗)(?:科技局|科学技术局|经科局|委|政府|人民政府)")]
    private static partial Regex SelfReference();

    private readonly Gazetteer _gazetteer;
    private readonly HashSet<string> _duplicateNames;

    public GazetteerCountyResolver(Gazetteer gazetteer)
    {
        _gazetteer = gazetteer;
        _duplicateNames = gazetteer.Divisions.Where(d => d.Level != DivisionLevel.Province)
            .GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Loads the gazetteer file and builds a resolver over it.</summary>
    public static GazetteerCountyResolver Load(string path) => new(Gazetteer.Load(path));

    public CountyRef Resolve(string documentId, string sha256, string? title, string? issuer, string text)
    {
        var unknown = PatternCountyResolver.Unknown(sha256);
        if (IsAnonymised(title) || IsAnonymised(issuer)) return unknown;
        var head = text.Length <= HeadLength ? text : text[..HeadLength];
        // Both read the whole text: only worked out when a decision needs them.
        var context = new Lazy<(HashSet<string> Provinces, HashSet<string> Cities)>(() => MentionedRegions(text));
        var selfLevel = new Lazy<char?>(() => SelfLevel(text));

        // The file name is read like a title: archives often name files after the report (仙居县科技局2023年工作总结.txt).
        string?[] sources = [title, issuer, FileStem(documentId), head];
        for (int k = 0; k < sources.Length; k++)
        {
            var source = sources[k];
            bool isHead = k == sources.Length - 1;
            if (string.IsNullOrEmpty(source)) continue;
            var hits = Scan(source, wholeIsName: !isHead);
            // In the opening lines a name not before an office word must be of the level the text calls itself.
            if (isHead && hits.Count > 0 && selfLevel.Value is char l0) hits.RemoveAll(h => !h.Office && !SuffixAgrees(h.Form, l0));
            var pick = Pick(hits);
            if (isHead)
            {
                var anonymised = AnonymisedPlace().Match(head);
                if (anonymised.Success && (pick is null || anonymised.Index < pick.Value.Hit.Start)) return unknown;
            }
            if (pick is not null) return Build(pick.Value.Hit, pick.Value.Parent, context, unknown);
        }

        // Body vote: names written out in full, agreeing with how the text calls itself (全县 → a 县).
        var votes = new Dictionary<string, (Hit First, int Score)>(StringComparer.Ordinal);
        var all = Scan(text, wholeIsName: false);
        var level = selfLevel.Value;
        for (int i = 0; i < all.Count; i++)
        {
            var h = all[i];
            if (h.Short || !h.Candidates.Any(IsJurisdiction)) continue;
            if (level is char l && !SuffixAgrees(h.Form, l)) continue;
            int score = h.Office ? 3 : 1;
            votes[h.Form] = votes.TryGetValue(h.Form, out var v) ? (v.First, v.Score + score) : (h, score);
        }
        if (votes.Count == 0) return unknown;
        var best = votes.Values.OrderByDescending(v => v.Score).ThenBy(v => v.First.Start).First();
        var parent = all.FirstOrDefault(p => p.Start + p.Form.Length == best.First.Start && p.Start < best.First.Start);
        return Build(best.First, parent.Form is null ? null : parent, context, unknown);
    }

    private static string FileStem(string documentId)
    {
        var name = documentId[(documentId.LastIndexOfAny(['/', '\\']) + 1)..];
        int dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    /// <summary>A name found in a text: where, as which form, which divisions it may be.</summary>
    private readonly record struct Hit(int Start, string Form, bool Short, bool Office, IReadOnlyList<Division> Candidates);

    private static bool IsJurisdiction(Division d) => d.Level != DivisionLevel.Province;

    private static bool IsAnonymised(string? s) => !string.IsNullOrEmpty(s) && AnonymisedPlace().IsMatch(s);

    /// <summary>Leftmost-longest names in <paramref name="s"/>. Short forms count only before an office word, or as the whole string.</summary>
    private List<Hit> Scan(string s, bool wholeIsName)
    {
        var hits = new List<Hit>();
        var span = s.AsSpan();
        int max = _gazetteer.MaxFormLength;
        for (int i = 0; i < span.Length;)
        {
            ulong lengths = _gazetteer.FormLengths(span[i..]);
            if (lengths == 0) { i++; continue; }
            int found = 0;
            for (int len = Math.Min(max, span.Length - i); len >= 2; len--)
            {
                if ((lengths & (1UL << len)) == 0) continue;
                var forms = _gazetteer.Find(span.Slice(i, len));
                if (forms.Count == 0) continue;
                var form = s.Substring(i, len);
                found = len;
                int end = i + len;
                if (CommonWords.Contains(form) || (end < s.Length && s[end] == '域')) break;
                bool office = FollowedByOffice(s, end);
                bool isShort = forms.All(f => f.Short);
                bool whole = wholeIsName && s.AsSpan().Trim().SequenceEqual(form);
                if (isShort && !office && !whole && !forms.Any(f => f.Division.Level == DivisionLevel.Province)) break;
                // A loop, not a lambda: a closure over isShort would be allocated for every length tried.
                var divisions = new List<Division>(forms.Count);
                foreach (var (division, formIsShort) in forms)
                    if (!isShort || formIsShort) divisions.Add(division);
                hits.Add(new Hit(i, form, isShort, office, divisions));
                break;
            }
            i += found > 0 ? found : 1;
        }
        return hits;
    }

    private static bool FollowedByOffice(string s, int end)
    {
        foreach (var w in OfficeWords)
            if (string.CompareOrdinal(s, end, w, 0, w.Length) == 0) return true;
        return false;
    }

    /// <summary>
    /// In one source (title, issuer, opening lines): the first name before an office word,
    /// else the first jurisdiction; a unit directly followed by one of its own counties
    /// (贵港市港北区) gives way to that county, and is kept as its parent.
    /// </summary>
    private static (Hit Hit, Hit? Parent)? Pick(List<Hit> hits)
    {
        int index = hits.FindIndex(h => h.Office && h.Candidates.Any(IsJurisdiction));
        if (index < 0) index = hits.FindIndex(h => h.Candidates.Any(IsJurisdiction));
        if (index < 0) return null;
        Hit? parent = null;
        if (index > 0 && Adjacent(hits[index - 1], hits[index]) && IsParentOf(hits[index - 1], hits[index])) parent = hits[index - 1];
        while (index + 1 < hits.Count && Adjacent(hits[index], hits[index + 1]) && IsParentOf(hits[index], hits[index + 1]))
        {
            parent = hits[index];
            index++;
        }
        return (hits[index], parent);
    }

    private static bool Adjacent(Hit a, Hit b) => a.Start + a.Form.Length == b.Start;

    private static bool IsParentOf(Hit parent, Hit child)
        => child.Candidates.Any(c => parent.Candidates.Any(p => Contains(p, c)));

    private static bool Contains(Division parent, Division child) => parent.Code != child.Code && parent.Level switch
    {
        DivisionLevel.Province => child.Code[..2] == parent.Code[..2],
        DivisionLevel.City => child.Code[..4] == parent.Code[..4],
        _ => false,
    };

    private CountyRef Build(Hit hit, Hit? parent, Lazy<(HashSet<string> Provinces, HashSet<string> Cities)> mentioned, CountyRef unknown)
    {
        var candidates = hit.Candidates.Where(IsJurisdiction).ToList();
        if (candidates.Count > 1 && parent is Hit p)
        {
            var under = candidates.Where(c => p.Candidates.Any(pc => Contains(pc, c))).ToList();
            if (under.Count > 0) candidates = under;
        }
        if (candidates.Count > 1)
        {
            var context = mentioned.Value;
            var inText = candidates.Where(c => context.Provinces.Contains(c.Province) || (c.City is not null && c.City != c.Name && context.Cities.Contains(c.City))).ToList();
            if (inText.Count > 0) candidates = inText;
        }
        if (candidates.Count == 1)
        {
            var d = candidates[0];
            var key = _duplicateNames.Contains(d.Name) ? d.Name + "-" + d.Code : d.Name;
            var name = hit.Short ? d.Name : hit.Form;
            var city = d.Level == DivisionLevel.City ? d.Name : d.City;
            return new CountyRef(key, name, d.Code, d.Province, city);
        }
        var listed = candidates.Select(c => c.ToString()).ToList();
        // A full name written out is the jurisdiction's name even when the gazetteer cannot tell which one it is.
        return hit.Short ? unknown with { Candidates = listed } : new CountyRef(hit.Form, hit.Form) { Candidates = listed };
    }

    /// <summary>Provinces and prefecture-level cities that the text names (full or short), for disambiguation.</summary>
    private (HashSet<string> Provinces, HashSet<string> Cities) MentionedRegions(string text)
    {
        var provinces = new HashSet<string>(StringComparer.Ordinal);
        var cities = new HashSet<string>(StringComparer.Ordinal);
        var span = text.AsSpan();
        int max = _gazetteer.MaxFormLength;
        for (int i = 0; i < span.Length;)
        {
            int found = 0;
            ulong lengths = _gazetteer.FormLengths(span[i..]);
            if (lengths != 0)
            {
                for (int len = Math.Min(max, span.Length - i); len >= 2 && found == 0; len--)
                {
                    if ((lengths & (1UL << len)) == 0) continue;
                    foreach (var (d, _) in _gazetteer.Find(span.Slice(i, len)))
                    {
                        found = len;
                        if (d.Level == DivisionLevel.Province) provinces.Add(d.Name);
                        else if (d.Level == DivisionLevel.City) cities.Add(d.Name);
                    }
                }
            }
            i += found > 0 ? found : 1;
        }
        return (provinces, cities);
    }

    /// <summary>The level the text calls itself by (全县, 我区, 市科技局), if one dominates.</summary>
    private static char? SelfLevel(string text)
    {
        var counts = new Dictionary<char, int>();
        foreach (Match m in SelfReference().Matches(text))
        {
            var g = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            counts[g[0]] = counts.GetValueOrDefault(g[0]) + 1;
        }
        if (counts.Count == 0) return null;
        var top = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First();
        return top.Value >= 2 ? top.Key : null;
    }

    /// <summary>Whether a written name is of the level the text calls itself (州 and 市 are both city-level).</summary>
    private static bool SuffixAgrees(string form, char level)
    {
        char last = form[^1];
        return last == level || (last is '州' or '市' && level is '州' or '市') || (last is '旗' && level is '县') || (last is '县' && level is '旗');
    }
}
