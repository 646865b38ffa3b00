namespace ReportMiner.Normalise;

/// <summary>
/// <c>\s</c> spelled out, for where a pattern may start with white space. The two match the
/// same characters (<c>RegexSpaceTests</c> checks all 65,536), but the regex generator cannot
/// search ahead for <c>\s</c>: it stops at every non-ASCII character, that is at every
/// character of a Chinese text, and tests its Unicode category. An explicit set is searched
/// for with a vectorised <c>IndexOfAny</c>.
/// </summary>
internal static class RegexSpace
{
    /// <summary>The members of <c>\s</c>, for use inside a character class.</summary>
    public const string Members = @"\t-\r\x20\x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

    /// <summary>A character class equal to <c>\s</c>.</summary>
    public const string Class = "[" + Members + "]";
}
