namespace ReportMiner.Numbers;

/// <summary>
/// Chinese numerals as written in reports: 四十, 两, 一百二十三, 三千五百, 1万 is handled by the
/// scale parser. Accepts 〇/零, 两 for 2, and an omitted leading 一 (十五 = 15).
/// </summary>
public static class ChineseNumber
{
    /// <summary>True for a character that can be part of a Chinese numeral.</summary>
    public static bool IsNumeralChar(char c) => Digit(c) >= 0 || Unit(c) > 0;

    /// <summary>Parses a whole Chinese numeral, e.g. "四十" → 40, "一百零五" → 105, "两" → 2.</summary>
    public static ParseResult<long> Parse(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return ParseResult<long>.Fail("empty numeral");
        long total = 0, section = 0, digit = -1;
        foreach (char c in text)
        {
            int d = Digit(c);
            if (d >= 0)
            {
                if (digit >= 0) // digit string like 二〇二一: read positionally
                {
                    if (digit > (Max - d) / 10) return TooLarge(text);
                    digit = digit * 10 + d;
                    continue;
                }
                digit = d;
                continue;
            }
            long unit = Unit(c);
            if (unit == 0) return ParseResult<long>.Fail($"'{c}' is not a Chinese numeral");
            if (unit >= 10_000 && digit < 0 && section == 0 && total > 0)
            {
                // A scale on a scale multiplies: 一万亿 = 10^12, not (10^4 + 1) × 10^8.
                if (total > Max / unit) return TooLarge(text);
                total *= unit;
            }
            else if (unit >= 10_000)
            {
                if (digit > 0 && section > Max - digit) return TooLarge(text);
                section += digit < 0 ? 0 : digit;
                if (section == 0) section = 1;
                if (total > Max - section || total + section > Max / unit) return TooLarge(text);
                total = (total + section) * unit;
                section = 0;
            }
            else
            {
                long times = digit < 0 ? 1 : digit;
                if (times > (Max - section) / unit) return TooLarge(text);
                section += times * unit;
            }
            digit = -1;
        }
        if (digit >= 0)
        {
            if (section > Max - digit) return TooLarge(text);
            section += digit;
        }
        if (total > Max - section) return TooLarge(text);
        return ParseResult<long>.Ok(total + section);
    }

    /// <summary>
    /// Largest value read (10^18): beyond it the arithmetic would wrap round and give negative or
    /// wrong figures ("九亿亿亿", a run of twenty 九; caught by the fuzz target's invariants, see FuzzFindingTests).
    /// </summary>
    private const long Max = 1_000_000_000_000_000_000;

    private static ParseResult<long> TooLarge(ReadOnlySpan<char> text)
        => ParseResult<long>.Fail($"numeral '{(text.Length > 20 ? text[..20].ToString() + "…" : text.ToString())}' is larger than 10^18");

    private static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static long Unit(char c) => c switch
    {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => 0,
    };
}
