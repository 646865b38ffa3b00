using System.Globalization;

namespace ReportMiner.Numbers;

/// <summary>
/// Finds every figure in a text: Arabic (1,533.7) or Chinese (四十余) numbers, an optional scale
/// (万/亿/千万), approximation words (余, 多, 近, 约, 左右, 以上, 超过, 突破 …) and a unit.
/// Masked figures (x, xx, X, *, ×, □) are returned with <see cref="Quantity.Masked"/> set.
/// Stateless; allocation is one <see cref="Quantity"/> per figure.
/// </summary>
public static class QuantityScanner
{
    // Longest first: the first unit that matches wins.
    private static readonly (string Text, UnitKind Kind, double Factor)[] Units =
    [
        ("个百分点", UnitKind.Other, 1), ("百分点", UnitKind.Other, 1),
        ("千万元", UnitKind.Money, 1e7), ("百万元", UnitKind.Money, 1e6), ("亿元", UnitKind.Money, 1e8), ("万元", UnitKind.Money, 1e4),
        ("千元", UnitKind.Money, 1e3), ("元", UnitKind.Money, 1),
        ("人次", UnitKind.Other, 1), ("名", UnitKind.Persons, 1), ("人", UnitKind.Persons, 1), ("位", UnitKind.Persons, 1),
        ("家", UnitKind.Count, 1), ("户", UnitKind.Count, 1), ("件", UnitKind.Count, 1), ("项", UnitKind.Count, 1), ("个", UnitKind.Count, 1),
        ("%", UnitKind.Percent, 1), ("‰", UnitKind.Other, 1),
        ("倍", UnitKind.Other, 1), ("亩", UnitKind.Other, 1), ("次", UnitKind.Other, 1), ("批", UnitKind.Other, 1), ("篇", UnitKind.Other, 1),
        ("台", UnitKind.Other, 1), ("套", UnitKind.Other, 1), ("吨", UnitKind.Other, 1), ("场", UnitKind.Other, 1), ("期", UnitKind.Other, 1),
        ("年", UnitKind.Other, 1), ("月", UnitKind.Other, 1), ("日", UnitKind.Other, 1), ("天", UnitKind.Other, 1), ("号", UnitKind.Other, 1),
    ];

    private static readonly string[] MinPrefixes = ["超过", "突破", "逾", "不少于", "不低于", "高于"];
    private static readonly string[] MaxPrefixes = ["不超过", "不到", "不足", "低于"];
    private static readonly string[] ApproxPrefixes = ["近", "约", "大约", "将近", "接近"];
    private static readonly string[] MinSuffixes = ["以上", "多"];
    private static readonly string[] MaxSuffixes = ["以内", "以下"];
    private static readonly string[] ApproxSuffixes = ["左右", "上下"];

    /// <summary>
    /// Gives a bare number the unit a table header or caption states for its cell ("R&amp;D经费支出(万元)"
    /// → 12,345.6 is 万元). Returns null when <paramref name="unit"/> is not a unit this scanner knows.
    /// </summary>
    public static Quantity? WithImpliedUnit(Quantity bare, string unit)
    {
        if (bare.Kind != UnitKind.None || bare.Masked) return null;
        foreach (var (u, k, f) in Units)
        {
            if (u != unit.Trim()) continue;
            return bare with { Kind = k, Unit = k == UnitKind.Money ? "元" : u, Value = bare.Value * f, UnitFromTable = true };
        }
        return null;
    }

    public static List<Quantity> Scan(string text)
    {
        var result = new List<Quantity>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            bool arabic = char.IsAsciiDigit(c);
            bool chinese = !arabic && ChineseNumber.IsNumeralChar(c) && (c is not ('万' or '亿' or '千' or '百') || IsRoundScale(text, i));
            bool mask = !arabic && !chinese && IsMaskChar(c) && MaskStartsHere(text, i);
            if (!(arabic || chinese || mask) || (i > 0 && !mask && ContinuesWord(text[i - 1], arabic)))
            {
                i++;
                continue;
            }
            var q = TryRead(text, i, arabic, chinese);
            if (q is null) { i = chinese ? SkipNumerals(text, i) : SkipRun(text, i); continue; }
            result.Add(q);
            i = Math.Max(q.End, i + 1);
        }
        return result;
    }

    /// <summary>
    /// "突破百亿元", "千万元级": a round amount written as a bare scale (百亿 = 100亿) before 元,
    /// not inside a longer numeral.
    /// </summary>
    private static bool IsRoundScale(string text, int i)
        => text[i] is '百' or '千' && i + 2 < text.Length && text[i + 1] is '亿' or '万' && text[i + 2] == '元'
           && (i == 0 || !(ChineseNumber.IsNumeralChar(text[i - 1]) || char.IsAsciiDigit(text[i - 1])));

    /// <summary>
    /// Past a Chinese numeral that gave no figure. Its tails would give none either (same unit after
    /// them), except when the whole was too large to read: then a tail of it ("九九…九家" minus its
    /// first characters) must not be read as a figure of its own (see FuzzFindingTests).
    /// </summary>
    private static int SkipNumerals(string text, int i)
    {
        int j = i + 1;
        while (j < text.Length && ChineseNumber.IsNumeralChar(text[j])) j++;
        return j;
    }

    private static int SkipRun(string text, int i)
    {
        int j = i + 1;
        while (j < text.Length && (char.IsAsciiDigit(text[j]) || text[j] is '.' or ',' || IsMaskChar(text[j]))) j++;
        return j;
    }

    /// <summary>A number glued to a Latin word, or after 第 (an ordinal), is not a figure.</summary>
    private static bool ContinuesWord(char prev, bool arabicOrMask)
        => (arabicOrMask && (char.IsAsciiLetter(prev) || char.IsAsciiDigit(prev) || prev is '.' or '-' or '/' or '_')) || prev == '第';

    private static bool IsMaskChar(char c) => c is 'x' or 'X' or '*' or '×' or '□' or '＊' or 'Ｘ' or 'ｘ';

    private static bool MaskStartsHere(string text, int i)
    {
        // Latin words that contain x (e.g. "box") are not masks; a mask run is bounded by non-letters,
        // except that "x.x%" glued to a word ("占gdpx.x%") is still a masked figure.
        int j = i;
        bool dot = false;
        while (j < text.Length && (IsMaskChar(text[j]) || text[j] == '.')) { dot |= text[j] == '.'; j++; }
        if (j >= text.Length || char.IsAsciiLetter(text[j])) return false;
        if (i > 0 && char.IsAsciiLetter(text[i - 1])) return dot || text[j] == '%';
        return true;
    }

    private static Quantity? TryRead(string text, int start, bool arabic, bool chinese)
    {
        int i = start;
        double number;
        bool masked = false;
        if (arabic)
        {
            int j = i;
            while (j < text.Length && (char.IsAsciiDigit(text[j]) || (text[j] == ',' && IsThousandsGroup(text, j))
                   || (text[j] == '.' && j + 1 < text.Length && char.IsAsciiDigit(text[j + 1])))) j++;
            var digits = text.AsSpan(i, j - i).ToString().Replace(",", "");
            if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return null;
            // A digit masked in the middle ("1x家") makes the whole figure masked.
            if (j < text.Length && IsMaskChar(text[j])) { masked = true; while (j < text.Length && (IsMaskChar(text[j]) || text[j] == '.')) j++; }
            i = j;
        }
        else if (chinese)
        {
            int j = i;
            while (j < text.Length && ChineseNumber.IsNumeralChar(text[j])) j++;
            // Leave a trailing scale (万/亿) for the scale reader when digits come first: 三千五百万 stays whole.
            var parsed = ChineseNumber.Parse(text.AsSpan(i, j - i));
            if (!parsed.Success) return null;
            number = parsed.Value;
            i = j;
        }
        else
        {
            int j = i;
            while (j < text.Length && (IsMaskChar(text[j]) || text[j] == '.' || char.IsAsciiDigit(text[j]))) j++;
            number = 0;
            masked = true;
            i = j;
        }

        int numberEnd = i;
        bool approx = false;
        string? bound = null;

        // 余/多 may stand between number and scale (200多万元) or between scale and unit.
        if (TryAny(text, ref i, "余", "多")) { approx = true; bound = "min"; }
        SkipSpaces(text, ref i);
        double scale = 1;
        if (!chinese || numberEnd == i)
        {
            if (TryAny(text, ref i, "千万")) scale = 1e7;
            else if (TryAny(text, ref i, "百万")) scale = 1e6;
            else if (text.AsSpan(i).StartsWith("万") && !text.AsSpan(i).StartsWith("万元")) { scale = 1e4; i++; }
            else if (text.AsSpan(i).StartsWith("亿") && !text.AsSpan(i).StartsWith("亿元")) { scale = 1e8; i++; }
        }
        if (!approx && TryAny(text, ref i, "余", "多")) { approx = true; bound = "min"; }
        SkipSpaces(text, ref i);

        UnitKind kind = UnitKind.None;
        string unit = "";
        double factor = 1;
        foreach (var (u, k, f) in Units)
        {
            if (string.CompareOrdinal(text, i, u, 0, u.Length) == 0)
            {
                kind = k; unit = u; factor = f; i += u.Length;
                break;
            }
        }
        if (kind == UnitKind.None)
        {
            // No unit: only a plain Arabic number is kept (a lost % sign); Chinese numerals need a unit.
            if (!arabic || scale != 1 || approx) return null;
            if (numberEnd < text.Length && (text[numberEnd] is '-' or '~' or '/' or ':' or '.' or '、' || char.IsAsciiLetter(text[numberEnd]))) return null;
            i = numberEnd;
        }
        if (chinese && kind is UnitKind.None or UnitKind.Other) return null;
        // Money units fold the scale in: 1.56亿元 → 1.56e8 yuan; counts use the scale (2.27万件 → 22700).
        double value = masked ? 0 : number * scale * factor;
        // Hundreds of digits parse to infinity (or overflow with the scale): no figure, not +∞ (see FuzzFindingTests).
        if (!double.IsFinite(value)) return null;
        if (kind == UnitKind.Money) unit = "元";

        int end = i;
        int qStart = start;
        if (TryAny(text, ref end, MinSuffixes)) { approx = true; bound = "min"; }
        else if (TryAny(text, ref end, MaxSuffixes)) { approx = true; bound = "max"; }
        else if (TryAny(text, ref end, ApproxSuffixes)) approx = true;
        else if (TryAny(text, ref end, "余")) { approx = true; bound ??= "min"; }
        if (EndsWithAny(text, start, MaxPrefixes, out int p)) { approx = true; bound = "max"; qStart = p; }
        else if (EndsWithAny(text, start, MinPrefixes, out p)) { approx = true; bound = "min"; qStart = p; }
        else if (EndsWithAny(text, start, ApproxPrefixes, out p)) { approx = true; qStart = p; }
        // 余/多 alone mark an approximation, not a bound, in the contract's examples (四十余人 → approximate).
        if (bound == "min" && !HasMinWord(text, qStart, end)) bound = null;

        return new Quantity
        {
            Start = qStart,
            End = end,
            NumberStart = start,
            Value = value,
            Kind = kind,
            Unit = unit,
            Approximate = approx,
            Bound = bound,
            Masked = masked,
            ChineseNumeral = chinese,
        };
    }

    private static bool HasMinWord(string text, int start, int end)
    {
        var span = text.AsSpan(start, end - start);
        return span.Contains("以上", StringComparison.Ordinal) || span.StartsWith("超过") || span.StartsWith("突破") || span.StartsWith("逾")
               || span.StartsWith("不少于") || span.StartsWith("不低于") || span.StartsWith("高于");
    }

    /// <summary>A comma followed by exactly three digits groups thousands (1,533.7).</summary>
    private static bool IsThousandsGroup(string text, int comma)
    {
        for (int k = 1; k <= 3; k++)
            if (comma + k >= text.Length || !char.IsAsciiDigit(text[comma + k])) return false;
        return comma + 4 >= text.Length || !char.IsAsciiDigit(text[comma + 4]);
    }

    private static void SkipSpaces(string text, ref int i)
    {
        int j = i;
        while (j < text.Length && text[j] == ' ' && j - i < 2) j++;
        i = j;
    }

    private static bool TryAny(string text, ref int i, params ReadOnlySpan<string> words)
    {
        foreach (var w in words)
        {
            if (string.CompareOrdinal(text, i, w, 0, w.Length) == 0) { i += w.Length; return true; }
        }
        return false;
    }

    private static bool EndsWithAny(string text, int end, string[] words, out int start)
    {
        foreach (var w in words)
        {
            if (end >= w.Length && string.CompareOrdinal(text, end - w.Length, w, 0, w.Length) == 0) { start = end - w.Length; return true; }
        }
        start = end;
        return false;
    }
}
