using System.Globalization;
using ReportMiner.Ingest;

namespace ReportMiner.Core.Tests.Extract;

/// <summary>
/// Runs every case of <c>roles.spec</c> through the shipped rules alone: each mention says
/// whether it is a total, a part of another mention (which one) or a cumulative stock, so that
/// a sum over totals never counts a figure twice.
/// </summary>
public class RoleSpecTests
{
    public static TheoryData<string, string> Cases() => SpecFile.Load("Extract/roles.spec");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Roles_match_spec(string input, string expected)
    {
        var doc = SharedPipeline.RulesOnly.Process(new SourceDocument { Id = "spec.txt", Format = "txt", Text = input, Sha256 = new string('0', 64) });
        var mentions = ReportMiner.Output.CountyFileWriter.InFileOrder(doc.Mentions).ToList();
        var actual = mentions.Select(m => $"{m.Indicator} {m.Value.ToString(CultureInfo.InvariantCulture)} {m.Role}"
            + (m.PartOf is int i ? $" of {i.ToString(CultureInfo.InvariantCulture)}" : "")).ToList();
        Assert.Equal(expected.Split(';', StringSplitOptions.TrimEntries), actual);
        // A part names an earlier mention that is not itself a part: summing the non-parts counts each figure once.
        foreach (var m in mentions.Where(m => m.PartOf is not null))
            Assert.Equal(ReportMiner.Extract.MentionRoles.Total, mentions[m.PartOf!.Value].Role is "stock" ? "total" : mentions[m.PartOf!.Value].Role);
    }
}
