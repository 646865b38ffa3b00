using System.Text;
using ReportMiner.Ingest;
using ReportMiner.Numbers;

namespace ReportMiner.Core.Tests.Fuzz;

/// <summary>What the fuzzer found, stated as plain expectations (the raw inputs are in tests/fuzz-findings/).</summary>
public class FuzzFindingTests
{
    [Theory]
    [InlineData("研发")]
    [InlineData("\t研")]
    [InlineData("A研发")]
    [InlineData("(xuǎn)")]
    [InlineData("\r\r\r\r\r")]
    [InlineData("高企23家")]
    public void Short_utf8_text_without_zero_bytes_decodes_as_utf8(string text)
    {
        var decoded = TextDecoder.Decode(Encoding.UTF8.GetBytes(text));
        Assert.True(decoded.Success, decoded.Error);
        Assert.Equal("utf-8", decoded.Encoding);
        Assert.Equal(text, decoded.Text);
    }

    [Fact]
    public void Short_bomless_utf16_with_zero_bytes_is_still_utf16()
    {
        var decoded = TextDecoder.Decode(Encoding.Unicode.GetBytes("a研b"));
        Assert.Equal("utf-16le", decoded.Encoding);
        Assert.Equal("a研b", decoded.Text);
    }

    [Theory]
    [InlineData("九亿亿亿")]
    [InlineData("九九九九九九九九九九九九九九九九九九九九")]
    [InlineData("一千万亿亿")]
    [InlineData("九千九百九十九万亿亿")]
    public void Chinese_numerals_too_large_to_read_fail_instead_of_wrapping_round(string numeral)
    {
        var parsed = ChineseNumber.Parse(numeral);
        Assert.False(parsed.Success, $"parsed to {parsed.Value}");
        Assert.Contains("larger than", parsed.Error);
    }

    [Theory]
    [InlineData("一万亿", 1_000_000_000_000)]
    [InlineData("一亿亿", 10_000_000_000_000_000)]
    [InlineData("三万亿", 3_000_000_000_000)]
    [InlineData("两千万", 20_000_000)]
    [InlineData("万", 10_000)]
    [InlineData("九九九九九九九九九九九九九九九九九九", 999_999_999_999_999_999)]
    [InlineData("二〇二一", 2021)]
    public void Large_numerals_within_range_still_read(string numeral, long value)
        => Assert.Equal(value, ChineseNumber.Parse(numeral).Value);

    [Fact]
    public void A_figure_of_hundreds_of_digits_is_not_infinite()
    {
        var text = "新增" + "1" + new string('0', 400) + "家,另有23家";
        var found = QuantityScanner.Scan(text);
        Assert.All(found, q => Assert.True(double.IsFinite(q.Value)));
        Assert.Contains(found, q => q.Value == 23);
    }

    [Fact]
    public void Twenty_nines_before_a_unit_give_no_figure()
        => Assert.DoesNotContain(QuantityScanner.Scan(new string('九', 20) + "家"), q => q.ChineseNumeral);

    [Theory]
    [InlineData("2021年九九-3月")]
    [InlineData("2021年二十至3月")]
    public void A_chinese_number_that_is_no_month_gives_no_period(string text)
        => Assert.All(PeriodFinder.FindAll(text, 0, text.Length, 2021),
            p => Assert.Matches(@"^\d{4}(-(0[1-9]|1[0-2]|H[12]|Q[1-4]))?(/\d{4}(-(0[1-9]|1[0-2]))?)?$", p.Period));

    [Fact]
    public void Chinese_month_ranges_still_read()
    {
        const string text = "2021年一至十二月";
        Assert.Contains(PeriodFinder.FindAll(text, 0, text.Length, null), p => p.Period == "2021-01/2021-12");
    }
}
