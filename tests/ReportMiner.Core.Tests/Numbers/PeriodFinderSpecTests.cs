using System.Globalization;
using ReportMiner.Numbers;

namespace ReportMiner.Core.Tests.Numbers;

/// <summary>Runs every case of <c>periods.spec</c>.</summary>
public class PeriodFinderSpecTests
{
    public static TheoryData<string, string> Cases() => SpecFile.Load("Numbers/periods.spec");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Period_matches_spec(string input, string expected)
    {
        var bar = input.IndexOf('|');
        int year = int.Parse(input[..bar].Trim(), CultureInfo.InvariantCulture);
        var text = input[(bar + 1)..].Trim();
        var found = PeriodFinder.FindAll(text, 0, text.Length, year == 0 ? null : year);
        Assert.Equal(expected, found.Count == 0 ? "none" : found[^1].Period);
    }
}
