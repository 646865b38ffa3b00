using System.Globalization;
using ReportMiner.Ingest;

namespace ReportMiner.Core.Tests.Extract;

/// <summary>Runs every case of <c>rules.spec</c> through the shipped rules alone (no classifier: retraining cannot change them).</summary>
public class RuleSpecTests
{
    public static TheoryData<string, string> Cases() => SpecFile.Load("Extract/rules.spec");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mentions_match_spec(string input, string expected)
    {
        var text = input.Replace("\\n", "\n");
        var doc = SharedPipeline.RulesOnly.Process(new SourceDocument { Id = "spec.txt", Format = "txt", Text = text, Sha256 = new string('0', 64) });
        var actual = doc.Mentions
            .Select(m => string.Join(' ', new[] { m.Indicator, m.Value.ToString(CultureInfo.InvariantCulture), m.Status, m.Qualifier }.Where(s => s is not null)))
            .ToList();
        var wanted = expected == "none" ? [] : expected.Split(';', StringSplitOptions.TrimEntries).ToList();
        Assert.Equal(wanted, actual);
    }
}
