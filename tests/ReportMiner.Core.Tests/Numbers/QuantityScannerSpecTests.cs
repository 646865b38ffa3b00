using System.Globalization;
using ReportMiner.Numbers;

namespace ReportMiner.Core.Tests.Numbers;

/// <summary>Runs every case of <c>quantities.spec</c> (input =&gt; expected figure).</summary>
public class QuantityScannerSpecTests
{
    public static TheoryData<string, string> Cases() => SpecFile.Load("Numbers/quantities.spec");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Figure_matches_spec(string input, string expected)
    {
        var found = QuantityScanner.Scan(input);
        if (expected == "none")
        {
            Assert.Empty(found);
            return;
        }
        Assert.NotEmpty(found);
        var q = found[0];
        var parts = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(double.Parse(parts[0], CultureInfo.InvariantCulture), q.Value, 6);
        Assert.Equal(Enum.Parse<UnitKind>(parts[1]), q.Kind);
        int i = 2;
        if (q.Kind != UnitKind.None) Assert.Equal(parts[i++], q.Unit);
        var flags = parts.Skip(i).ToList();
        Assert.Equal(flags.Contains("approx"), q.Approximate);
        Assert.Equal(flags.FirstOrDefault(f => f.StartsWith("bound=", StringComparison.Ordinal))?[6..], q.Bound);
        Assert.Equal(flags.Contains("masked"), q.Masked);
        var raw = flags.FirstOrDefault(f => f.StartsWith("raw=", StringComparison.Ordinal));
        if (raw is not null)
        {
            // A space inside raw is written '␣' in the spec (flags are space-separated).
            Assert.Equal(raw[4..].Replace('␣', ' '), input[q.Start..q.End]);
        }
    }
}
