using System.Globalization;

namespace ReportMiner.County;

/// <summary>Administrative level of a GB/T 2260 division.</summary>
public enum DivisionLevel
{
    Province,
    City,
    County,
}

/// <summary>One GB/T 2260 division with the names of the units above it.</summary>
/// <param name="Code">Six-digit code.</param>
/// <param name="Name">Official name (仙居县, 黔南布依族苗族自治州).</param>
/// <param name="Province">Province-level unit it belongs to (itself for a province).</param>
/// <param name="City">Prefecture-level unit it belongs to; for a district of a municipality, the municipality; null for provinces and for cities themselves.</param>
public sealed record Division(string Code, DivisionLevel Level, string Name, string Province, string? City)
{
    public override string ToString() => Code + " " + Province + (City ?? "") + (Level == DivisionLevel.Province ? "" : Name);
}

/// <summary>
/// The GB/T 2260 gazetteer (models/gazetteer/gb2260.tsv: <c>code&lt;TAB&gt;level&lt;TAB&gt;name</c>)
/// with every form a name is written in: the official name, the abbreviated form of an
/// autonomous unit (黔南州 for 黔南布依族苗族自治州) and the short name without its suffix.
/// Immutable once loaded.
/// </summary>
public sealed class Gazetteer
{
    /// <summary>Prefecture rows that only group units (市辖区, 县, 省直辖县级行政区划); never a city name.</summary>
    private static readonly HashSet<string> PlaceholderCities = new(StringComparer.Ordinal)
    {
        "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划",
    };

    private static readonly string[] Suffixes = ["自治县", "自治旗", "自治州", "地区", "特区", "林区", "县", "区", "市", "旗", "盟", "州"];

    private static readonly string[] Ethnic =
    [
        "布依族", "苗族", "土家族", "藏族", "彝族", "壮族", "回族", "蒙古族", "蒙古", "侗族", "瑶族", "白族", "哈尼族", "傣族", "傈僳族",
        "景颇族", "哈萨克", "柯尔克孜", "朝鲜族", "羌族", "黎族", "畲族", "水族", "仫佬族", "毛南族", "仡佬族", "纳西族", "拉祜族", "佤族",
        "土族", "撒拉族", "东乡族", "保安族", "裕固族", "达斡尔族", "鄂温克族", "鄂伦春族", "满族", "锡伯族", "塔吉克", "各族", "独龙族",
        "怒族", "普米族", "布朗族", "阿昌族", "德昂族", "基诺族", "京族", "门巴族", "珞巴族",
    ];

    private readonly Dictionary<string, List<(Division Division, bool Short)>> _forms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Division Division, bool Short)>>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private Gazetteer(List<Division> divisions)
    {
        Divisions = divisions;
        foreach (var d in divisions)
        {
            if (d.Level == DivisionLevel.City && PlaceholderCities.Contains(d.Name)) continue;
            foreach (var (form, isShort) in FormsOf(d)) Add(form, d, isShort);
        }
        foreach (var list in _forms.Values) list.Sort((a, b) => string.CompareOrdinal(a.Division.Code, b.Division.Code));
        MaxFormLength = _forms.Keys.Max(k => k.Length);
        if (MaxFormLength >= 64) throw new FormatException("gazetteer: a name of 64 or more characters");
        foreach (var form in _forms.Keys)
        {
            if (form.Length < 2) continue;   // never looked up: a single character is no place name
            var pair = Pair(form[0], form[1]);
            _pairLengths[pair] = _pairLengths.GetValueOrDefault(pair) | (1UL << form.Length);
            int bit = PairBit(pair);
            _pairFilter[bit >> 6] |= 1UL << bit;
        }
        _lookup = _forms.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<Division> Divisions { get; }

    /// <summary>Per first two characters: the lengths of the forms that start with them (an integer key hashes faster than a span).</summary>
    private readonly Dictionary<uint, ulong> _pairLengths = [];

    private static uint Pair(char first, char second) => (uint)first << 16 | second;

    /// <summary>
    /// One bit per hashed pair (128 KB): every position of a scanned text is looked up, and
    /// most start no form; a clear bit answers that without the dictionary.
    /// </summary>
    private readonly ulong[] _pairFilter = new ulong[1 << (PairFilterBits - 6)];
    private const int PairFilterBits = 20;

    private static int PairBit(uint pair) => (int)(unchecked(pair * 2654435761u) >> (32 - PairFilterBits));

    /// <summary>
    /// Bit n is set when some form of length n starts <paramref name="text"/> with the same
    /// first two characters (0: none does). Forms of one character are not included.
    /// </summary>
    public ulong FormLengths(ReadOnlySpan<char> text)
    {
        if (text.Length < 2) return 0;
        var pair = Pair(text[0], text[1]);
        int bit = PairBit(pair);
        if ((_pairFilter[bit >> 6] & (1UL << bit)) == 0) return 0;
        return _pairLengths.GetValueOrDefault(pair);
    }

    /// <summary>Length of the longest form, in UTF-16 units.</summary>
    public int MaxFormLength { get; }

    /// <summary>Reads the TSV file; lines starting with '#' are comments.</summary>
    public static Gazetteer Load(string path) => Parse(File.ReadLines(path));

    public static Gazetteer Parse(IEnumerable<string> lines)
    {
        var rows = new List<(string Code, DivisionLevel Level, string Name)>();
        int n = 0;
        foreach (var line in lines)
        {
            n++;
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t');
            if (parts.Length != 3 || parts[0].Length != 6 || !parts[0].All(char.IsAsciiDigit))
                throw new FormatException(string.Format(CultureInfo.InvariantCulture, "gazetteer line {0}: expected code<TAB>level<TAB>name", n));
            var level = parts[1] switch
            {
                "province" => DivisionLevel.Province,
                "city" => DivisionLevel.City,
                "county" => DivisionLevel.County,
                _ => throw new FormatException(string.Format(CultureInfo.InvariantCulture, "gazetteer line {0}: unknown level '{1}'", n, parts[1])),
            };
            rows.Add((parts[0], level, parts[2]));
        }
        var byCode = new Dictionary<string, (string Code, DivisionLevel Level, string Name)>(StringComparer.Ordinal);
        foreach (var r in rows)
            if (!byCode.TryAdd(r.Code, r)) throw new FormatException($"gazetteer: code {r.Code} appears twice");
        var divisions = new List<Division>(rows.Count);
        foreach (var (code, level, name) in rows)
        {
            var province = byCode.TryGetValue(code[..2] + "0000", out var p) ? p.Name : "";
            string? city = null;
            if (level == DivisionLevel.County)
            {
                if (byCode.TryGetValue(code[..4] + "00", out var c) && !PlaceholderCities.Contains(c.Name)) city = c.Name;
                else if (IsMunicipality(code)) city = province;
            }
            divisions.Add(new Division(code, level, name, level == DivisionLevel.Province ? name : province, city));
        }
        return new Gazetteer(divisions);
    }

    /// <summary>Beijing, Tianjin, Shanghai, Chongqing: their districts have no prefecture between.</summary>
    private static bool IsMunicipality(string code) => code[..2] is "11" or "12" or "31" or "50";

    /// <summary>Divisions whose form is exactly <paramref name="text"/>, with whether it was a short form.</summary>
    public IReadOnlyList<(Division Division, bool Short)> Find(ReadOnlySpan<char> text)
        => _lookup.TryGetValue(text, out var list) ? list : [];

    /// <summary>The forms a division is written in, and whether each is a short (suffix-less) form.</summary>
    public static IEnumerable<(string Form, bool Short)> FormsOf(Division d)
    {
        yield return (d.Name, false);
        if (d.Level == DivisionLevel.Province)
        {
            // 浙江省 → 浙江; 广西壮族自治区 → 广西; 内蒙古自治区 → 内蒙古.
            var p = d.Name.Replace("壮族自治区", "").Replace("回族自治区", "").Replace("维吾尔自治区", "").Replace("自治区", "").TrimEnd('省', '市');
            if (p.Length >= 2 && p != d.Name) yield return (p, true);
            yield break;
        }
        var suffix = Suffixes.FirstOrDefault(s => d.Name.EndsWith(s, StringComparison.Ordinal) && d.Name.Length > s.Length);
        if (suffix is null) yield break;
        var stem = d.Name[..^suffix.Length];
        if (suffix.StartsWith("自治", StringComparison.Ordinal))
        {
            // 黔南布依族苗族自治州 → 黔南州, 黔南; 长阳土家族自治县 → 长阳县, 长阳.
            int cut = stem.Length;
            foreach (var e in Ethnic)
            {
                int i = stem.IndexOf(e, StringComparison.Ordinal);
                if (i > 0 && i < cut) cut = i;
            }
            stem = stem[..cut];
            if (stem.Length >= 2) yield return (stem + suffix[^1], false);
        }
        if (stem.Length >= 2) yield return (stem, true);
    }

    private void Add(string form, Division d, bool isShort)
    {
        if (!_forms.TryGetValue(form, out var list)) _forms[form] = list = [];
        if (!list.Any(x => x.Division.Code == d.Code)) list.Add((d, isShort));
    }
}
