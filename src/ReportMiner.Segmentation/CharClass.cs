using System.Runtime.CompilerServices;

namespace ReportMiner.Segmentation;

/// <summary>
/// jieba 0.42.1's regular-expression character classes, hand-coded.
/// </summary>
internal static class CharClass
{
    // Bit 0: re_han_default member ASCII ([a-zA-Z0-9+#&._%-]); bit 1: re_eng ([a-zA-Z0-9]).
    private static readonly byte[] Ascii = BuildAscii();

    private static byte[] BuildAscii()
    {
        var t = new byte[128];
        for (var c = '0'; c <= '9'; c++) t[c] = 3;
        for (var c = 'a'; c <= 'z'; c++) t[c] = 3;
        for (var c = 'A'; c <= 'Z'; c++) t[c] = 3;
        foreach (var c in "+#&._%-") t[c] = 1;
        return t;
    }

    /// <summary>Member of <c>[\u4E00-\u9FD5a-zA-Z0-9+#&amp;\._%\-]</c> (re_han_default).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsHanDefault(char c) =>
        c < 128 ? (Ascii[c] & 1) != 0 : unchecked((uint)(c - '\u4E00')) <= '\u9FD5' - '\u4E00';

    /// <summary>Member of <c>[\u4E00-\u9FD5]</c> (finalseg re_han).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsCjk(char c) => unchecked((uint)(c - '\u4E00')) <= '\u9FD5' - '\u4E00';

    /// <summary>Member of <c>[a-zA-Z0-9]</c> (re_eng, and the start of finalseg re_skip).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsAsciiAlnum(char c) => c < 128 && (Ascii[c] & 2) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsAsciiDigit(char c) => unchecked((uint)(c - '0')) <= 9;

    /// <summary>
    /// Python 3.11's <c>\s</c> for str patterns (= <c>str.isspace()</c>): \t \n \v \f \r,
    /// \x1c-\x1f, space, \x85, \xa0, \u1680, \u2000-\u200a, \u2028, \u2029, \u202f, \u205f, \u3000.
    /// </summary>
    internal static bool IsPythonSpace(char c)
    {
        if (c <= ' ') return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
        if (c < '\x85') return false;
        return c switch
        {
            '\x85' or '\xa0' or '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
            >= '\u2000' and <= '\u200a' => true,
            _ => false,
        };
    }
}
