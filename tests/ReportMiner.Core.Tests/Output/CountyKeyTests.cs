using ReportMiner.Output;

namespace ReportMiner.Core.Tests.Output;

public class CountyKeyTests
{
    [Theory]
    [InlineData("仙居县", "仙居县")]
    [InlineData("../../etc", "etc")]
    [InlineData("..\\..\\windows", "windows")]
    [InlineData("CON", "_CON")]
    [InlineData("nul", "_nul")]
    [InlineData("a/b:c*d?e\"f<g>h|i", "a_b_c_d_e_f_g_h_i")]
    [InlineData("\u0001\u0007bell", "bell")]
    [InlineData("", "unnamed")]
    [InlineData("...", "unnamed")]
    [InlineData("unknown-0123456789ab", "unknown-0123456789ab")]
    public void Sanitizes(string key, string expected) => Assert.Equal(expected, CountyKey.Sanitize(key));

    [Fact]
    public void Long_keys_are_cut_to_the_limit()
    {
        var key = CountyKey.Sanitize(new string('某', 300));
        Assert.Equal(CountyKey.MaxLength, key.Length);
    }
}
