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
                    digit = digit * 10 + d;
                    continue;
                }
                digit = d;
                continue;
            }
            long unit = Unit(c);
            if (unit == 0) return ParseResult<long>.Fail($"'{c}' is not a Chinese numeral");
            if (unit >= 10_000)
            {
                section += digit < 0 ? 0 : digit;
                if (section == 0) section = 1;
                total = (total + section) * unit;
                section = 0;
            }
            else
            {
                section += (digit < 0 ? 1 : digit) * unit;
            }
            digit = -1;
        }
        if (digit >= 0) section += digit;
        return ParseResult<long>.Ok(total + section);
    }

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
