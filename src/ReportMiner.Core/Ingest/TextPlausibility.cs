using System.Globalization;
using System.Text;

namespace ReportMiner.Ingest;

/// <summary>
/// Judges whether recovered text is real text or the garbage a PDF font without a usable
/// ToUnicode map gives (control characters, glyph ids read as Latin-1, kana, box drawing,
/// rare ideographs). A Chinese report is made of common hanzi (GB2312 or Big5), ASCII, CJK and
/// general punctuation, full-width forms and a few symbols; anything else counts against it.
/// </summary>
public static class TextPlausibility
{
    /// <summary>Share of plausible characters under which a text layer is called unusable.</summary>
    public const double MinShare = 0.85;

    private static readonly Encoding Gb2312 = CodePage(20936);
    private static readonly Encoding Big5 = CodePage(950);

    /// <summary>A strict encoder for a code page (registers the code-page provider first).</summary>
    private static Encoding CodePage(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Share (0–1) of non-whitespace characters that are plausible, and how many were counted.</summary>
    public static (double Share, int Counted) Measure(string text)
    {
        int counted = 0, good = 0;
        Span<byte> buffer = stackalloc byte[8];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is ' ' or '\n' or '\r' or '\t' or '\u3000' or '\u00A0') continue;
            counted++;
            if (IsPlausible(c, buffer)) good++;
        }
        return (counted == 0 ? 1 : (double)good / counted, counted);
    }

    private static bool Encodable(Encoding encoding, char c, Span<byte> buffer)
    {
        try { return encoding.GetBytes([c], buffer) > 0; }
        catch (EncoderFallbackException) { return false; }
    }

    private static bool IsPlausible(char c, Span<byte> buffer)
    {
        if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return false;
        if (c < 0x7F) return true;
        if (c >= '\u4E00' && c <= '\u9FFF')
        {
            // Common hanzi: in GB2312 (6,763 simplified) or Big5 (13,060 traditional), which cover ordinary text.
            return Encodable(Gb2312, c, buffer) || Encodable(Big5, c, buffer);
        }
        if (c >= '\u3000' && c <= '\u303F') return true;   // CJK symbols and punctuation
        if (c >= '\uFF01' && c <= '\uFF65') return true;   // full-width forms
        if (c >= '\u2010' && c <= '\u2027') return true;   // dashes, quotes, ellipsis, bullets
        if (c >= '\u2030' && c <= '\u203B') return true;   // per mille, primes
        if (c >= '\u2460' && c <= '\u24FF') return true;   // ①⑴⒈
        if (c >= '\u2160' && c <= '\u217F') return true;   // Roman numerals
        if (c is '\u00B0' or '\u00B1' or '\u00B7' or '\u00D7' or '\u00F7' or '\u00B2' or '\u00B3' or '\u00A5'
            or '\u2103' or '\u2116' or '\u2236' or '\u2264' or '\u2265' or '\u2260' or '\u2248' or '\u221A'
            or '\u25A1' or '\u25A0' or '\u25CB' or '\u25CF' or '\u2605' or '\u2606' or '\u2192' or '\u20AC')
            return true;
        // Accented Latin and Greek letters (names, units such as μ); not the Latin-1 symbols.
        if (c >= '\u00C0' && c <= '\u024F') return char.IsLetter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.OtherLetter;
        if (c >= '\u0391' && c <= '\u03C9') return true;
        return false;
    }
}
