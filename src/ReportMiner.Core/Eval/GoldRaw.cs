using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ReportMiner.Eval;

/// <summary>
/// A figure as the gold writes it (<c>raw</c>) and what follows from it: the value, whether it
/// is approximate, its bound. The same reading as <c>corpus/gold/check_gold.py</c>, so gold
/// written from a reviewed workbook passes the checker: full-width digits folded, approximation
/// words dropped, Arabic digits or a Chinese numeral below 10000, then 亿 or 万, then the unit word.
/// </summary>
public static partial class GoldRaw
{
    private static readonly string[] ApproxWords = ["不超过", "左右", "以上", "超过", "突破", "以内", "余", "多", "近", "约"];
    private static readonly string[] MinWords = ["以上", "超过", "突破"];
    private static readonly string[] MaxWords = ["以内", "不超过"];
    private const string MaskChars = "xX*×ｘＸ＊";

    /// <summary>Units whose gold value is a whole number.</summary>
    public static bool WholeUnit(string unit) => unit is "CNY" or "count" or "persons";

    public static bool Approximate(string raw) => ApproxWords.Any(w => raw.Contains(w, StringComparison.Ordinal));

    /// <summary><c>max</c> for 以内/不超过, <c>min</c> for 以上/超过/突破, else null.</summary>
    public static string? Bound(string raw)
        => MaxWords.Any(w => raw.Contains(w, StringComparison.Ordinal)) ? "max"
            : MinWords.Any(w => raw.Contains(w, StringComparison.Ordinal)) ? "min" : null;

    /// <summary>The value of <paramref name="raw"/> and the unit word left after it, or null with the reason.</summary>
    public static (decimal? Value, string RestOrProblem) Parse(string raw)
    {
        if (raw.Any(c => MaskChars.Contains(c))) return (null, "is masked (x, *)");
        var sb = new StringBuilder(raw.Length);
        foreach (var ch in raw)
        {
            if (char.IsWhiteSpace(ch)) continue;
            sb.Append(ch switch
            {
                >= '０' and <= '９' => (char)('0' + (ch - '０')),
                '．' => '.',
                '％' => '%',
                _ => ch,
            });
        }
        var s = sb.ToString();
        foreach (var w in ApproxWords) s = s.Replace(w, "", StringComparison.Ordinal);
        decimal number;
        string rest;
        var arabic = ArabicNumber().Match(s);
        if (arabic.Success)
        {
            number = decimal.Parse(arabic.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            rest = arabic.Groups[2].Value;
        }
        else
        {
            var chinese = ChineseNumber().Match(s);
            if (!chinese.Success) return (null, "holds no number");
            if (ChineseBelow10000(chinese.Groups[1].Value) is not int n) return (null, "has a Chinese numeral that cannot be read");
            number = n;
            rest = chinese.Groups[2].Value;
        }
        if (rest.StartsWith('亿')) { number *= 100_000_000m; rest = rest[1..]; }
        else if (rest.StartsWith('万')) { number *= 10_000m; rest = rest[1..]; }
        return (number, rest);
    }

    /// <summary>Whether the unit word after the number fits <paramref name="unit"/> (元; 家/个/件/项; 人/名; % or nothing).</summary>
    public static bool UnitWordFits(string unit, string rest) => unit switch
    {
        "CNY" => rest == "元",
        "count" => rest is "家" or "个" or "件" or "项",
        "persons" => rest is "人" or "名",
        "percent" => rest is "" or "%",
        _ => false,
    };

    /// <summary>The gold value of <paramref name="raw"/> for an indicator of <paramref name="unit"/>, or null with the reason.</summary>
    public static (decimal? Value, string? Problem) ValueFor(string raw, string unit)
    {
        var (value, rest) = Parse(raw);
        if (value is not decimal v) return (null, $"'{raw}' {rest}");
        if (!UnitWordFits(unit, rest)) return (null, $"'{raw}' does not fit unit {unit} (its unit word is '{rest}')");
        if (v <= 0) return (null, $"'{raw}' is not above 0");
        if (WholeUnit(unit) && v != decimal.Truncate(v)) return (null, $"'{raw}' is not a whole number of {unit}");
        return (v / 1.0000000000000000000000000000m, null);   // trailing zeros dropped
    }

    private static int? ChineseBelow10000(string s)
    {
        int total = 0;
        int? current = null;
        foreach (var ch in s)
        {
            int digit = "零〇一二两三四五六七八九".IndexOf(ch);
            if (digit >= 0)
            {
                current = digit switch { 0 or 1 => 0, 2 => 1, 3 or 4 => 2, _ => digit - 2 };
                continue;
            }
            int unit = ch switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (unit == 0) return null;
            total += (current ?? 1) * unit;
            current = null;
        }
        return total + (current ?? 0);
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ArabicNumber();

    [GeneratedRegex(@"^([零〇一二两三四五六七八九十百千]+)(.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ChineseNumber();
}
