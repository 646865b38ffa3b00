using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReportMiner.Numbers;

namespace ReportMiner.Core.Tests.Numbers;

public class QuantityPropertyTests
{
    [Property(MaxTest = 500)]
    public Property Scanning_any_text_gives_well_formed_figures(string? text)
    {
        text ??= "";
        var found = QuantityScanner.Scan(text);
        return found.TrueForAll(q => q.Start >= 0 && q.Start <= q.NumberStart && q.NumberStart < q.End && q.End <= text.Length
            && double.IsFinite(q.Value) && q.Value >= 0 && (!q.Masked || q.Value == 0)).ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Written_money_reads_back(NonNegativeInt whole, byte cents)
    {
        var units = new (string Unit, double Factor)[] { ("元", 1), ("万元", 1e4), ("亿元", 1e8) };
        return Prop.ForAll(Gen.Elements(units).ToArbitrary(), u =>
        {
            var number = whole.Get + cents % 100 / 100.0;
            var written = number.ToString("0.##", CultureInfo.InvariantCulture);
            var q = QuantityScanner.Scan($"研发投入{written}{u.Unit},同比增长").Single();
            return Math.Abs(q.Value - double.Parse(written, CultureInfo.InvariantCulture) * u.Factor) <= 1e-6 * Math.Max(1, q.Value) && q.Kind == UnitKind.Money;
        });
    }

    [Property(MaxTest = 500)]
    public Property Chinese_numerals_read_back(PositiveInt n)
    {
        int value = n.Get % 100_000_000;
        return (ChineseNumber.Parse(ToChinese(value)).Value == value).Label($"{value} = {ToChinese(value)}");
    }

    /// <summary>Writes a number in Chinese numerals the way reports do (一千零五, 十二, 三万四千).</summary>
    private static string ToChinese(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n == 0) return "零";
        string Section(int v, bool leadingOne)
        {
            var units = new[] { "", "十", "百", "千" };
            var sb = new System.Text.StringBuilder();
            bool zero = false;
            for (int p = 3; p >= 0; p--)
            {
                int d = v / (int)Math.Pow(10, p) % 10;
                if (d == 0) { if (sb.Length > 0) zero = true; continue; }
                if (zero) { sb.Append('零'); zero = false; }
                if (!(p == 1 && d == 1 && sb.Length == 0 && !leadingOne)) sb.Append(digits[d]);
                sb.Append(units[p]);
            }
            return sb.ToString();
        }
        int high = n / 10000, low = n % 10000;
        if (high == 0) return Section(low, false);
        var s = Section(high, false) + "万";
        if (low == 0) return s;
        return s + (low < 1000 ? "零" : "") + Section(low, true);
    }
}
