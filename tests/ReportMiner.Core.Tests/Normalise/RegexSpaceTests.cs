using System.Text.RegularExpressions;
using ReportMiner.Normalise;

namespace ReportMiner.Core.Tests.Normalise;

/// <summary>RegexSpace spells out <c>\s</c>: it must match exactly the same characters, alone and inside a larger class.</summary>
public class RegexSpaceTests
{
    [Fact]
    public void The_class_matches_what_backslash_s_matches_for_every_UTF16_unit()
    {
        var reference = new Regex(@"^\s$", RegexOptions.CultureInvariant);
        var spelled = new Regex("^" + RegexSpace.Class + "$", RegexOptions.CultureInvariant);
        var inClass = new Regex("^[" + RegexSpace.Members + ",，]$", RegexOptions.CultureInvariant);
        var referenceInClass = new Regex(@"^[\s,，]$", RegexOptions.CultureInvariant);
        int spaces = 0;
        for (int c = 0; c <= char.MaxValue; c++)
        {
            var s = ((char)c).ToString();
            bool expected = reference.IsMatch(s);
            Assert.True(expected == spelled.IsMatch(s), $"U+{c:X4}: \\s says {expected}");
            Assert.True(referenceInClass.IsMatch(s) == inClass.IsMatch(s), $"U+{c:X4} inside a class");
            if (expected) spaces++;
        }
        Assert.Equal(25, spaces);
    }
}
