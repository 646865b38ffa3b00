using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ReportMiner.Config;
using ReportMiner.Ingest;
using ReportMiner.Normalise;
using ReportMiner.Numbers;

namespace ReportMiner.Fuzz;

/// <summary>
/// A fuzz target broke a rule: an invariant of its result, or a bug-class exception thrown from
/// ReportMiner's own code (see <see cref="BugExceptionWatch"/>). The fuzzer counts it as a crash.
/// </summary>
public sealed class FuzzFailureException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The fuzz targets: each takes the raw bytes of one input, runs product code on it and checks
/// what must hold for any input. Anything escaping (an exception, a <see cref="FuzzFailureException"/>)
/// is a crash for afl-fuzz and a failed regression test in tests/ReportMiner.Core.Tests/Fuzz.
/// </summary>
public static partial class FuzzTargets
{
    /// <summary>Every target name, in the order <c>make fuzz</c> runs them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["txt", "numbers", "normalise", "pdf", "pdf-graph", "docx", "docx-xml"];

    /// <summary>Runs target <paramref name="name"/> on <paramref name="data"/>; returns a one-line account of the outcome.</summary>
    public static string Run(string name, byte[] data)
    {
        Func<byte[], string> target = name switch
        {
            "txt" => Txt,
            "numbers" => NumbersTarget,
            "normalise" => NormaliseTarget,
            "pdf" => Pdf,
            "pdf-graph" => PdfGraph,
            "docx" => Docx,
            "docx-xml" => DocxXml,
            _ => throw new ArgumentException($"unknown fuzz target '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
        };
        string outcome = "";
        BugExceptionWatch.Run(() => outcome = target(data));
        return outcome;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition) throw new FuzzFailureException(what);
    }

    // ---------------------------------------------------------------- txt

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>
    /// TextDecoder and TxtReportReader: a result is text or a reason, never both; decoded text is
    /// plausible; UTF-8/UTF-16 results are exactly the bytes' text; valid, plausible UTF-8 without
    /// NUL bytes is always read as UTF-8 (good text is never turned into mojibake); the reader and
    /// the registry agree with the decoder and hash the bytes.
    /// </summary>
    public static string Txt(byte[] data)
    {
        var decoded = TextDecoder.Decode(data);
        Check(decoded.Success == decoded.Text is not null, "Success must equal Text != null");
        if (decoded.Success)
        {
            Check(!string.IsNullOrEmpty(decoded.Encoding) && decoded.Error is null, "a decoded text names its encoding and has no error");
            Check(TextDecoder.PlausibleShare(decoded.Text!) >= 0.9, $"decoded text ({decoded.Encoding}) is not plausible text");
            var expected = decoded.Encoding switch
            {
                "utf-8" => Strict(StrictUtf8, data),
                "utf-8-bom" => Strict(StrictUtf8, data.AsSpan(3)),
                "utf-16le-bom" => Strict(new UnicodeEncoding(false, false, true), data.AsSpan(2)),
                "utf-16be-bom" => Strict(new UnicodeEncoding(true, false, true), data.AsSpan(2)),
                "utf-16le" => Strict(new UnicodeEncoding(false, false, true), data),
                "utf-16be" => Strict(new UnicodeEncoding(true, false, true), data),
                _ => decoded.Text,
            };
            Check(expected == decoded.Text, $"text decoded as {decoded.Encoding} differs from the bytes' strict {decoded.Encoding} decoding");
        }
        else
        {
            Check(decoded.Encoding is null && !string.IsNullOrWhiteSpace(decoded.Error), "a failed decode gives a reason and no encoding");
        }

        // Good text is never lost: plain UTF-8 (no BOM, no NUL) that reads as text comes back as itself.
        if (data.Length > 0 && !data.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) && data.AsSpan().IndexOf((byte)0) < 0
            && Strict(StrictUtf8, data) is { } utf8 && TextDecoder.PlausibleShare(utf8) >= 0.9)
        {
            Check(decoded.Success && decoded.Encoding == "utf-8" && decoded.Text == utf8,
                $"valid UTF-8 text was decoded as {decoded.Encoding ?? "nothing"} ({decoded.Error ?? "other text"})");
        }

        var read = new TxtReportReader().Read("fuzz.txt", data, IngestOptions.Default);
        CheckResultShape(read, "fuzz.txt", "txt", data);
        Check(read.Success == decoded.Success, "the reader and the decoder disagree on success");
        if (read.Success)
        {
            var doc = read.Document!;
            Check(doc.Text == decoded.Text!.Replace("\r\n", "\n").Replace('\r', '\n'), "the reader's text is not the decoded text with LF line breaks");
            Check(doc.Encoding == decoded.Encoding, "the reader reports another encoding than the decoder");
        }
        else
        {
            Check(read.Error!.Stage == "decode" && read.Error.Reason == decoded.Error, "the reader's error is not the decoder's");
        }

        var viaRegistry = Registry.Read("fuzz.txt", data, ".txt", IngestOptions.Default);
        CheckResultShape(viaRegistry, "fuzz.txt", "txt", data);
        Check(viaRegistry.Success == read.Success && viaRegistry.Document?.Text == read.Document?.Text, "the registry's txt result differs from the reader's");
        return Describe(read);
    }

    private static string? Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try { return encoding.GetString(bytes); }
        catch (ArgumentException) { return null; }
    }

    // ---------------------------------------------------------------- numbers

    [GeneratedRegex(@"^\d{4}(?:-(?:0[1-9]|1[0-2]|H[12]|Q[1-4]))?(?:/\d{4}(?:-(?:0[1-9]|1[0-2]))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodShape();

    /// <summary>
    /// QuantityScanner, PeriodFinder and ChineseNumber on the input as UTF-8 text: figures lie in
    /// the text in order without sharing digits, values are finite and ≥ 0, masked figures are 0,
    /// units agree with kinds; periods lie in the searched range and are well-formed (months 1–12);
    /// Chinese numerals never parse to a negative value.
    /// </summary>
    public static string NumbersTarget(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);

        var found = QuantityScanner.Scan(text);
        Quantity? previous = null;
        foreach (var q in found)
        {
            string at = $"figure [{q.Start},{q.End}) '{Slice(text, q.Start, q.End)}'";
            Check(q.Start >= 0 && q.Start <= q.NumberStart && q.NumberStart < q.End && q.End <= text.Length, $"{at}: span outside the text or inverted");
            Check(double.IsFinite(q.Value) && q.Value >= 0, $"{at}: value {q.Value} is not finite and ≥ 0");
            Check(!q.Masked || q.Value == 0, $"{at}: masked figure has value {q.Value}");
            Check(q.Kind == UnitKind.None ? q.Unit.Length == 0 : q.Unit.Length > 0, $"{at}: unit '{q.Unit}' does not fit kind {q.Kind}");
            Check(q.Kind != UnitKind.Money || q.Unit == "元", $"{at}: money unit is '{q.Unit}', not 元");
            Check(q.Bound is null or "min" or "max", $"{at}: bound '{q.Bound}'");
            Check(!q.ChineseNumeral || q.Kind is not (UnitKind.None or UnitKind.Other), $"{at}: Chinese numeral without a counted unit");
            if (previous is not null)
                Check(q.NumberStart >= previous.End && q.Start >= previous.End, $"{at}: overlaps the previous figure [{previous.Start},{previous.End})");
            previous = q;
        }

        // The report year and a sub-range come from the input too, so the fuzzer explores them.
        int? year = data.Length % 3 == 0 ? null : 1990 + data.Length % 46;
        CheckPeriods(text, 0, text.Length, year);
        int start = text.Length == 0 ? 0 : (data[0] * 7) % (text.Length + 1);
        int end = start + (text.Length - start) / 2;
        CheckPeriods(text, start, end, year);

        // Every run of numeral characters, as the scanner would hand it to the parser.
        for (int i = 0; i < text.Length;)
        {
            if (!ChineseNumber.IsNumeralChar(text[i])) { i++; continue; }
            int j = i;
            while (j < text.Length && ChineseNumber.IsNumeralChar(text[j])) j++;
            var parsed = ChineseNumber.Parse(text.AsSpan(i, j - i));
            // A run of numeral characters always parses, unless it is too large to read (then it says so).
            Check(parsed.Success ? parsed.Value >= 0 : parsed.Error?.Contains("larger than", StringComparison.Ordinal) == true,
                $"numeral '{text[i..j]}' parsed to {(parsed.Success ? parsed.Value : parsed.Error)}");
            i = j;
        }
        var whole = ChineseNumber.Parse(text);
        Check(whole.Success ? whole.Value >= 0 : !string.IsNullOrEmpty(whole.Error), $"parsing the whole text gave {whole.Value} / {whole.Error}");
        return $"{found.Count} figures, {PeriodFinder.FindAll(text, 0, text.Length, year).Count} periods";
    }

    private static void CheckPeriods(string text, int start, int end, int? year)
    {
        var periods = PeriodFinder.FindAll(text, start, end, year);
        int previousEnd = start;
        foreach (var p in periods)
        {
            string at = $"period [{p.Start},{p.End}) '{Slice(text, p.Start, p.End)}' → '{p.Period}' (year {year?.ToString() ?? "none"}, range [{start},{end}))";
            Check(p.Start >= previousEnd && p.Start < p.End && p.End <= end, $"{at}: outside the searched range, empty or overlapping");
            Check(PeriodShape().IsMatch(p.Period), $"{at}: not a well-formed period");
            previousEnd = p.End;
        }
    }

    private static string Slice(string text, int start, int end)
    {
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        var s = text[start..end];
        return s.Length > 60 ? s[..60] + "…" : s;
    }

    // ---------------------------------------------------------------- normalise

    private static readonly Lazy<TextNormalizer> ShippedNormalizer = new(() =>
    {
        var path = PipelineConfig.FindDefault() ?? throw new InvalidOperationException("pipeline.yaml not found (set REPORTMINER_CONFIG)");
        var loaded = PipelineConfig.Load(path);
        var config = loaded.Config ?? throw new InvalidOperationException(loaded.Error);
        var table = config.Normalise.TraditionalTable;
        var t2s = string.IsNullOrEmpty(table) ? TraditionalToSimplified.None : TraditionalToSimplified.Load(config.Resolve(table));
        return new TextNormalizer(config.Normalise, t2s);
    });

    /// <summary>
    /// TextNormalizer with the shipped pipeline.yaml options on the input as UTF-8 text: the map has
    /// one entry per character plus the source length, is strictly increasing and in range; every
    /// kept character is the mapped source character it points at, every line break a source line
    /// break; each output line maps back to a source slice.
    /// </summary>
    public static string NormaliseTarget(byte[] data)
    {
        var source = Encoding.UTF8.GetString(data);
        var normalizer = ShippedNormalizer.Value;
        var result = normalizer.Normalize(source);
        var text = result.Text;
        var map = result.SourceIndex;
        Check(ReferenceEquals(result.Source, source) || result.Source == source, "Source is not the input");
        Check(map.Length == text.Length + 1 && map[^1] == source.Length, "the map does not end at the source length");
        for (int i = 0; i < text.Length; i++)
        {
            Check(map[i] >= 0 && map[i] < source.Length, $"map[{i}] = {map[i]} is outside the source");
            if (i > 0) Check(map[i] > map[i - 1], $"map is not increasing at {i}");
            char expected = text[i] == '\n' ? '\n' : normalizer.MapChar(source[map[i]]);
            Check(text[i] == expected && (text[i] != '\n' || source[map[i]] == '\n'),
                $"character {i} ('{text[i]}') is not the mapped source character at {map[i]} ('{source[map[i]]}')");
        }
        int lineStart = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            var (s, e) = result.ToSource(lineStart, i);
            Check(0 <= s && s <= e && e <= source.Length, $"line [{lineStart},{i}) maps to [{s},{e}) outside the source");
            _ = result.SourceSlice(lineStart, i);
            lineStart = i + 1;
        }
        return $"{source.Length} → {text.Length} characters";
    }

    // ---------------------------------------------------------------- pdf / docx

    // Lazy: instrumented code must not run before SharpFuzz has mapped afl-fuzz's coverage memory,
    // and a static initialiser of this class runs as soon as Program reads Names.
    private static readonly Lazy<ReaderRegistry> LazyRegistry = new(ReaderRegistry.CreateDefault);
    private static ReaderRegistry Registry => LazyRegistry.Value;

    /// <summary>The registry reads the input as a .pdf: Ok or Fail, never an exception; an Ok document is well-formed.</summary>
    public static string Pdf(byte[] data) => ReadAs(data, ".pdf");

    /// <summary>The registry reads the input as a .docx: Ok or Fail, never an exception; an Ok document is well-formed.</summary>
    public static string Docx(byte[] data) => ReadAs(data, ".docx");

    /// <summary>
    /// The input is word/document.xml, packed into an otherwise valid DOCX (correct CRCs and
    /// content types), so mutations reach the XML walk instead of dying at the zip checks; then as <see cref="Docx"/>.
    /// </summary>
    public static string DocxXml(byte[] data) => ReadAs(PackDocx(data), ".docx");

    /// <summary>
    /// The PDF object graph: the input is the bodies of objects 1, 2, … separated by lines
    /// <c>%%</c> (object 1 the catalog), written here into a PDF with a correct xref table, trailer
    /// and stream lengths, so that mutations reach what references do (page trees, inherited and
    /// shared /Resources, /Parent and /Kids links, reference cycles, fonts and XObjects) instead of
    /// dying at the xref. Then as <see cref="Pdf"/>. A reference cycle that PdfPig follows without
    /// end overflows the stack, which kills the process: afl-fuzz saves that as a crash (the batch
    /// survives it only because files are read in worker processes).
    /// </summary>
    public static string PdfGraph(byte[] data) => ReadAs(PackPdf(data), ".pdf");

    /// <summary>A PDF whose objects are the <c>\n%%\n</c>-separated bodies of <paramref name="objects"/>; <c>stream…endstream</c> bodies get their /Length.</summary>
    public static byte[] PackPdf(byte[] objects)
    {
        var bodies = new List<byte[]>();
        var rest = objects.AsSpan();
        while (true)
        {
            int at = rest.IndexOf("\n%%\n"u8);
            if (at < 0) { bodies.Add(rest.ToArray()); break; }
            bodies.Add(rest[..at].ToArray());
            rest = rest[(at + 4)..];
            if (bodies.Count >= 4096) break;
        }
        using var pdf = new MemoryStream();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.7\n%\u00E2\u00E3\u00CF\u00D3\n");
        var offsets = new long[bodies.Count];
        for (int i = 0; i < bodies.Count; i++)
        {
            offsets[i] = pdf.Position;
            Write($"{i + 1} 0 obj\n");
            var body = bodies[i].AsSpan();
            int stream = body.IndexOf("stream\n"u8);
            int end = body.LastIndexOf("endstream"u8);
            if (stream >= 0 && end > stream + 7 && body[..stream].LastIndexOf(">>"u8) is int close and >= 0)
            {
                // dictionary << … /Length N >> stream\n data \nendstream, with N the data's length
                int length = end - (stream + 7);
                pdf.Write(body[..close]);
                Write($" /Length {length}");
                pdf.Write(body[close..]);
            }
            else pdf.Write(body);
            Write("\nendobj\n");
        }
        long xref = pdf.Position;
        Write($"xref\n0 {bodies.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) Write(o.ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + " 00000 n \n");
        Write($"trailer\n<< /Size {bodies.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static readonly byte[] ContentTypes = Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");

    private static readonly byte[] PackageRels = Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");

    /// <summary>A DOCX whose main part is <paramref name="documentXml"/>.</summary>
    public static byte[] PackDocx(byte[] documentXml)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in new[] { ("[Content_Types].xml", ContentTypes), ("_rels/.rels", PackageRels), ("word/document.xml", documentXml) })
            {
                var entry = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    private static string ReadAs(byte[] data, string extension)
    {
        string id = "fuzz" + extension;
        var result = Registry.Read(id, data, extension, IngestOptions.Default);
        CheckResultShape(result, id, null, data);
        return Describe(result);
    }

    private static string Describe(IngestResult result)
        => result.Success
            ? $"read as {result.Document!.Format}: {result.Document.Text.Length} characters, {result.Document.Regions.Count} regions"
            : $"refused ({result.Error!.Stage}): {result.Error.Reason}";

    /// <summary>An IngestResult is a document or an error naming the file; a document's regions are ordered, disjoint and inside its text.</summary>
    private static void CheckResultShape(IngestResult result, string id, string? format, byte[] data)
    {
        Check(result.Success == (result.Document is not null) && (result.Document is null) == (result.Error is not null), "a result must be exactly one of document and error");
        if (!result.Success)
        {
            var e = result.Error!;
            Check(e.Document == id && !string.IsNullOrWhiteSpace(e.Stage) && !string.IsNullOrWhiteSpace(e.Reason), "an error names the file, the stage and a reason");
            return;
        }
        var doc = result.Document!;
        Check(doc.Id == id, "the document id is not the file's");
        Check(format is null || doc.Format == format, $"format '{doc.Format}', expected '{format}'");
        Check(doc.Text is not null && !doc.Text.Contains('\r'), "document text is missing or has CR line breaks");
        Check(doc.Sha256 == Convert.ToHexStringLower(SHA256.HashData(data)), "Sha256 is not the hash of the bytes");
        int previousEnd = 0;
        foreach (var r in doc.Regions)
        {
            Check(r.Start >= previousEnd && r.Length >= 0 && r.Start + r.Length <= doc.Text!.Length,
                $"region [{r.Start},+{r.Length}) ({r.Locator}) is out of order, overlapping or outside the text (length {doc.Text!.Length})");
            Check(r.Page is null or >= 1, $"region page {r.Page}");
            previousEnd = r.Start + r.Length;
        }
    }
}
