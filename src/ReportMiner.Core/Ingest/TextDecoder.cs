using System.Text;
using UtfUnknown;

namespace ReportMiner.Ingest;

/// <summary>
/// Decodes the bytes of a text file whose encoding nobody declared: UTF-8 (with or without
/// BOM), UTF-16 LE/BE (with or without BOM) or GB18030/GBK. Order: BOM → strict UTF-8 →
/// BOM-less UTF-16 when it reads as plausible text → statistical detector → GB18030.
/// Rejects content that is not text (too many control characters or undecodable bytes).
/// </summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>GB18030 (code page 54936), a superset of GBK and GB2312.</summary>
    public static Encoding Gb18030 { get; } = CodePage(54936);

    /// <summary>A strict decoder for a code page (registers the code-page provider first).</summary>
    private static Encoding CodePage(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Decodes <paramref name="bytes"/>; the result says which encoding, or why it is not text.</summary>
    public static DecodeResult Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return DecodeResult.Ok(string.Empty, "utf-8");

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return Finish(TryDecode(StrictUtf8, bytes[3..]), "utf-8-bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Finish(TryDecode(new UnicodeEncoding(false, false, true), bytes[2..]), "utf-16le-bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Finish(TryDecode(new UnicodeEncoding(true, false, true), bytes[2..]), "utf-16be-bom");

        var utf8 = TryDecode(StrictUtf8, bytes);
        if (utf8 is not null && !LooksLikeUtf16(bytes)) return Finish(utf8, "utf-8");

        if (bytes.Length % 2 == 0 && LooksLikeUtf16(bytes))
        {
            bool bigEndian = CountZeros(bytes, 0) > CountZeros(bytes, 1);
            var utf16 = TryDecode(new UnicodeEncoding(bigEndian, false, true), bytes);
            if (utf16 is not null && PlausibleShare(utf16) >= 0.9)
                return Finish(utf16, bigEndian ? "utf-16be" : "utf-16le");
        }

        // The detector is statistical: the first MiB tells as much as the whole file, without a copy of a large one.
        var detected = CharsetDetector.DetectFromBytes(bytes[..Math.Min(bytes.Length, DetectorSampleBytes)].ToArray()).Detected;
        if (detected?.Encoding is { } enc && detected.Confidence >= 0.6 && enc.CodePage != 54936 && enc.CodePage != 936)
        {
            var strict = CodePage(enc.CodePage);
            var text = TryDecode(strict, bytes);
            if (text is not null && PlausibleShare(text) >= 0.9) return Finish(text, enc.WebName);
        }

        return Finish(TryDecode(Gb18030, bytes), "gb18030");
    }

    /// <summary>Bytes the statistical detector looks at (a copy of them is made for it).</summary>
    private const int DetectorSampleBytes = 1 << 20;

    private static DecodeResult Finish(string? text, string encoding)
    {
        if (text is null) return DecodeResult.Fail(encoding == "gb18030"
            ? "not text: the bytes are valid in none of UTF-8, UTF-16 and GB18030"
            : $"bytes are not valid {encoding} although the file starts with its byte-order mark");
        if (text.Length > 0 && PlausibleShare(text) < 0.9)
            return DecodeResult.Fail($"content is not text (decoded as {encoding}, {100 - PlausibleShare(text) * 100:0}% control or unassigned characters)");
        return DecodeResult.Ok(text, encoding);
    }

    private static string? TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try { return encoding.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
        catch (ArgumentException) { return null; }
    }

    /// <summary>
    /// BOM-less UTF-16 has a zero byte in most ASCII-range code units: many zeros at one parity.
    /// At least one zero is needed: without it a short file (under 10 bytes, where a fifth of the
    /// code units rounds down to none) would pass, and short UTF-8 text ("研发") was read as UTF-16
    /// or rejected (found by fuzzing, tests/fuzz-findings/txt).
    /// </summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4) return false;
        int n = Math.Min(bytes.Length, 4096) & ~1;
        int even = CountZeros(bytes[..n], 0), odd = CountZeros(bytes[..n], 1);
        int half = n / 2;
        return Math.Max(even, odd) >= Math.Max(1, half / 5) && Math.Min(even, odd) <= half / 50;
    }

    private static int CountZeros(ReadOnlySpan<byte> bytes, int parity)
    {
        int count = 0;
        for (int i = parity; i < bytes.Length; i += 2) if (bytes[i] == 0) count++;
        return count;
    }

    /// <summary>Share of characters that ordinary text is made of (not C0 controls other than whitespace, not private use or unassigned).</summary>
    public static double PlausibleShare(string text)
    {
        if (text.Length == 0) return 1;
        int bad = 0;
        foreach (char c in text)
        {
            if (c < 0x20) { if (c != '\n' && c != '\r' && c != '\t' && c != '\f') bad++; }
            else if (c == '\uFFFD' || (c >= '\uE000' && c <= '\uF8FF') || (c >= '\u0080' && c < '\u00A0')) bad++;
        }
        return 1.0 - (double)bad / text.Length;
    }
}

/// <summary>The outcome of <see cref="TextDecoder.Decode"/>.</summary>
public readonly record struct DecodeResult(string? Text, string? Encoding, string? Error)
{
    public bool Success => Text is not null;
    public static DecodeResult Ok(string text, string encoding) => new(text, encoding, null);
    public static DecodeResult Fail(string error) => new(null, null, error);
}
