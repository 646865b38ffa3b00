using ReportMiner.Numbers;

namespace ReportMiner.Core.Tests.Numbers;

public class ChineseNumberTests
{
    [Theory]
    [InlineData("四十", 40)]
    [InlineData("两", 2)]
    [InlineData("一百", 100)]
    [InlineData("一百零五", 105)]
    [InlineData("十五", 15)]
    [InlineData("三千五百", 3500)]
    [InlineData("一万二千", 12000)]
    [InlineData("两亿", 200000000)]
    [InlineData("二〇二一", 2021)]
    public void Parses(string text, long expected)
    {
        var r = ChineseNumber.Parse(text);
        Assert.True(r.Success);
        Assert.Equal(expected, r.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("四十家")]
    public void Rejects_what_is_not_a_numeral(string text)
    {
        var r = ChineseNumber.Parse(text);
        Assert.False(r.Success);
        Assert.NotNull(r.Error);
    }
}
