using System.Globalization;

namespace ReportMiner.Numbers;

/// <summary>
/// The one notation of a period (docs/indicators.md, §Each extracted mention): a stretch of one
/// year is written as the spec's shortest name for it, so that one period never has two names
/// (<c>2016-H1</c> and <c>2016-01/2016-06</c> gave two pivot rows). A whole year is <c>2016</c>,
/// a half <c>2016-H1</c>/<c>2016-H2</c>, a quarter <c>2016-Q1</c>…<c>Q4</c>, a month
/// <c>2016-03</c>; any other month range stays an interval (<c>2016-01/2016-09</c>), as do
/// ranges over several years (<c>2023/2024</c>, <c>2022-11/2024-11</c>).
/// </summary>
public static class Periods
{
    /// <summary>The canonical notation of <paramref name="period"/>; anything not an interval inside one year is returned as it is.</summary>
    public static string? Canonical(string? period)
    {
        if (period is null || period.Length < 9 || period[4] != '-' && period[4] != '/') return period;
        var s = period.AsSpan();
        // yyyy/yyyy of one year.
        if (s.Length == 9 && s[4] == '/' && s[..4].SequenceEqual(s[5..]) && IsYear(s[..4])) return period[..4];
        // yyyy-MM/yyyy-MM of one year.
        if (s.Length != 15 || s[4] != '-' || s[7] != '/' || s[12] != '-' || !s[..4].SequenceEqual(s[8..12]) || !IsYear(s[..4])) return period;
        if (!TwoDigits(s[5..7], out int from) || !TwoDigits(s[13..15], out int to) || from < 1 || to > 12 || from > to) return period;
        var year = period[..4];
        if (from == to) return year + "-" + period[5..7];
        return (from, to) switch
        {
            (1, 12) => year,
            (1, 6) => year + "-H1",
            (7, 12) => year + "-H2",
            (1, 3) => year + "-Q1",
            (4, 6) => year + "-Q2",
            (7, 9) => year + "-Q3",
            (10, 12) => year + "-Q4",
            _ => period,
        };
    }

    private static bool IsYear(ReadOnlySpan<char> s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool TwoDigits(ReadOnlySpan<char> s, out int value)
        => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
