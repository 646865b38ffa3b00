using System.Globalization;

namespace ReportMiner.Panel;

/// <summary>
/// A period of the spec's notation (docs/indicators.md: <c>2020</c>, <c>2021-04</c>,
/// <c>2021-01/2021-04</c>, <c>2024-H1</c>, <c>2024-Q3</c>, <c>2023/2024</c>) as the months it
/// covers, so that periods compare as intervals and never as text: <c>2019</c> contains
/// <c>2019-01/2019-09</c>, which ends later than <c>2019-H1</c>.
/// </summary>
/// <param name="FirstMonth">First month covered, counted as <c>year * 12 + month - 1</c>.</param>
/// <param name="LastMonth">Last month covered (inclusive), counted the same way.</param>
public readonly record struct PeriodInterval(int FirstMonth, int LastMonth)
{
    /// <summary>Months covered (1 for a month, 12 for a year).</summary>
    public int Months => LastMonth - FirstMonth + 1;

    public int FirstYear => FirstMonth / 12;

    public int LastYear => LastMonth / 12;

    /// <summary>True when the period lies inside one calendar year.</summary>
    public bool WithinOneYear => FirstYear == LastYear;

    /// <summary>True for exactly one calendar year.</summary>
    public bool IsYear => WithinOneYear && Months == 12;

    /// <summary>True when <paramref name="other"/> lies inside this period.</summary>
    public bool Contains(PeriodInterval other) => FirstMonth <= other.FirstMonth && other.LastMonth <= LastMonth;

    /// <summary>First month as <c>YYYY-MM</c> (text of this form sorts in time order).</summary>
    public string FirstText => MonthText(FirstMonth);

    /// <summary>Last month as <c>YYYY-MM</c>.</summary>
    public string LastText => MonthText(LastMonth);

    /// <summary>The year as the spec writes it, e.g. <c>2019</c>, for the panel key of a period inside one year.</summary>
    public string YearText => FirstYear.ToString("0000", CultureInfo.InvariantCulture);

    private static string MonthText(int month)
        => string.Create(CultureInfo.InvariantCulture, $"{month / 12:0000}-{month % 12 + 1:00}");

    /// <summary>The interval of <paramref name="period"/>, or null when it is null or not of the spec's notation.</summary>
    public static PeriodInterval? Parse(string? period)
    {
        if (string.IsNullOrEmpty(period)) return null;
        var slash = period.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            // 2023/2024, 2021-01/2021-04, 2022-11/2024-11: the first part's start to the second part's end.
            if (Part(period[..slash]) is not { } from || Part(period[(slash + 1)..]) is not { } to) return null;
            if (from.FirstMonth > to.LastMonth) return null;
            return new PeriodInterval(from.FirstMonth, to.LastMonth);
        }
        return Part(period);
    }

    /// <summary>One side of the notation: <c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-H1|H2</c>, <c>YYYY-Q1..Q4</c>.</summary>
    private static PeriodInterval? Part(string text)
    {
        if (text.Length < 4 || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year)) return null;
        int y = year * 12;
        if (text.Length == 4) return new PeriodInterval(y, y + 11);
        if (text[4] != '-') return null;
        var rest = text.AsSpan(5);
        if (rest.Length == 2 && rest[0] == 'H' && rest[1] is '1' or '2')
        {
            int half = rest[1] - '1';
            return new PeriodInterval(y + 6 * half, y + 6 * half + 5);
        }
        if (rest.Length == 2 && rest[0] == 'Q' && rest[1] is >= '1' and <= '4')
        {
            int quarter = rest[1] - '1';
            return new PeriodInterval(y + 3 * quarter, y + 3 * quarter + 2);
        }
        if (rest.Length == 2 && int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out int month) && month is >= 1 and <= 12)
            return new PeriodInterval(y + month - 1, y + month - 1);
        return null;
    }
}
