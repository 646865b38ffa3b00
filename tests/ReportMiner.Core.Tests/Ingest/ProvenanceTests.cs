using System.Text;
using DocumentFormat.OpenXml.Packaging;
using ReportMiner.Extract;
using ReportMiner.Ingest;

namespace ReportMiner.Core.Tests.Ingest;

/// <summary>
/// Provenance into the source: every mention of a txt input satisfies
/// <c>source_text[source_start:source_end] == raw</c>, with the source text decoded
/// independently of the reader and indexed in code points (as Python indexes a str).
/// Failure messages name documents and offsets only, never text (the sealed reports are read here).
/// </summary>
public sealed class ProvenanceTests
{
    /// <summary>Code points of <paramref name="s"/>.</summary>
    private static int[] CodePoints(string s) => s.EnumerateRunes().Select(r => r.Value).ToArray();

    /// <summary>Whether <c>source[start:end] == raw</c> in code points; the reason when not.</summary>
    private static string? Check(int[] source, Mention m)
    {
        if (m.SourceStart is not int s || m.SourceEnd is not int e) return "no source_span";
        if (s < 0 || e < s || e > source.Length) return $"source_span [{s}, {e}) outside the text ({source.Length} code points)";
        var raw = CodePoints(m.Raw);
        return source.AsSpan(s, e - s).SequenceEqual(raw) ? null : $"source_span [{s}, {e}) is not raw ({raw.Length} code points)";
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The corpus file as a user decodes it: UTF-8, the byte-order mark dropped, nothing else touched.</summary>
    private static string DecodeAsUser(byte[] bytes)
    {
        var text = StrictUtf8.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static List<string> CorpusTxt()
    {
        var root = TestPaths.Corpus("");
        return Directory.GetFiles(root, "*.txt").Concat(Directory.GetFiles(Path.Combine(root, "web"), "*.txt"))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
    }

    private static List<Mention> Mine(string id, byte[] bytes)
    {
        var read = ReaderRegistry.CreateDefault().Read(id, bytes, Path.GetExtension(id), IngestOptions.Default);
        Assert.True(read.Success, $"{id}: {read.Error?.Reason}");
        return SharedPipeline.Pipeline.Process(read.Document!).Mentions.ToList();
    }

    [Fact]
    public void Every_txt_mention_of_the_corpus_is_its_source_span()
    {
        var failures = new List<string>();
        int mentions = 0;
        foreach (var id in CorpusTxt())
        {
            var bytes = File.ReadAllBytes(TestPaths.Corpus(id));
            var source = CodePoints(DecodeAsUser(bytes));
            foreach (var m in Mine(id, bytes))
            {
                mentions++;
                if (Check(source, m) is { } problem) failures.Add($"{id} {m.Indicator}: {problem}");
            }
        }
        Assert.True(mentions > 400, $"only {mentions} mentions in the corpus");
        Assert.Empty(failures);
    }

    /// <summary>
    /// Files made from the open corpus reports (never the sealed ones) with what real archives
    /// do to text: five encodings with and without byte-order marks, CRLF and CR line breaks,
    /// full-width digits, characters outside the BMP (two UTF-16 units, one code point), page
    /// furniture lines, pinyin glosses and tabs. Each file's text is known, so the identity is
    /// checked against it rather than against any decoding. <c>RM_PROVENANCE_FILES</c> sets
    /// the number (default 2,000; <c>make test-provenance</c> runs 20,000).
    /// </summary>
    [Fact]
    public void Every_txt_mention_of_a_generated_batch_is_its_source_span()
    {
        int files = int.TryParse(Environment.GetEnvironmentVariable("RM_PROVENANCE_FILES"), out var n) && n > 0 ? n : 2000;
        var sealedKeys = File.ReadAllLines(TestPaths.Corpus("gold/sealed.keys")).Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#').ToHashSet();
        var open = CorpusTxt().Where(id => !sealedKeys.Contains(Path.GetFileNameWithoutExtension(id))).ToList();
        var texts = open.Select(id => DecodeAsUser(File.ReadAllBytes(TestPaths.Corpus(id)))).ToList();
        Assert.True(texts.Count >= 80, $"{texts.Count} open reports");

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        int mentions = 0, fullWidth = 0, outsideBmp = 0, crlf = 0;
        Parallel.For(0, files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var rng = new Random(i);
            var (text, encoding) = Vary(texts[i % texts.Count], rng);
            var id = $"gen/{i:D5}.txt";
            var source = CodePoints(text);
            var found = Mine(id, Encode(text, encoding));
            Interlocked.Add(ref mentions, found.Count);
            foreach (var m in found)
            {
                if (Check(source, m) is { } problem) failures.Add($"{id} ({encoding}) {m.Indicator}: {problem}");
                if (m.Raw.Any(c => c is >= '\uFF10' and <= '\uFF19')) Interlocked.Increment(ref fullWidth);
                if (m.Raw.Contains('\r')) Interlocked.Increment(ref crlf);
                if (text.AsSpan(0, IndexOfCodePoint(text, m.SourceStart ?? 0)).ContainsAnyInRange('\uD800', '\uDBFF')) Interlocked.Increment(ref outsideBmp);
            }
        });
        Assert.Empty(failures.Order(StringComparer.Ordinal).Take(20));
        Assert.True(mentions > files * 2, $"{mentions} mentions in {files} files");
        // The variations reached the mentions: figures written full-width, after characters outside the BMP, and broken over CRLF.
        Assert.True(fullWidth > 0 && outsideBmp > 0, $"full-width raw {fullWidth}, after a non-BMP character {outsideBmp}, CRLF inside raw {crlf}");
    }

    /// <summary>The UTF-16 index of code point <paramref name="cp"/> of <paramref name="s"/>.</summary>
    private static int IndexOfCodePoint(string s, int cp)
    {
        int i = 0;
        for (int k = 0; k < cp && i < s.Length; k++) i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
        return i;
    }

    private static readonly string[] Encodings = ["utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "gb18030"];

    private static byte[] Encode(string text, string encoding)
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(text),
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            "utf-16le-bom" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
            "utf-16be-bom" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
            _ => Encoding.GetEncoding(54936).GetBytes(text),
        };
    }

    private static readonly string[] NonBmp = ["\U00020000", "\U0002A6A5", "\U0001F600", "\U00020BB7"];
    private static readonly string[] Furniture = ["首页 > 工作动态", "Tags: 科技 工作总结", "【打印本页】 【关闭】", "阅读: 1024"];

    /// <summary>A variation of <paramref name="text"/> and the encoding to write it in.</summary>
    private static (string Text, string Encoding) Vary(string text, Random rng)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        var sb = new StringBuilder(text.Length + 256);
        bool fullWidth = rng.Next(3) == 0;
        string lineBreak = rng.Next(4) switch { 0 => "\r\n", 1 => "\r", _ => "\n" };
        if (rng.Next(2) == 0) sb.Append(NonBmp[rng.Next(NonBmp.Length)]).Append(lineBreak);
        for (int li = 0; li < lines.Count; li++)
        {
            var line = lines[li];
            if (rng.Next(12) == 0) sb.Append(Furniture[rng.Next(Furniture.Length)]).Append(lineBreak);
            if (rng.Next(6) == 0 && line.Length > 4)
            {
                // A character outside the BMP (a rare name character, an emoji) inside the line.
                int at = rng.Next(line.Length);
                if (char.IsLowSurrogate(line[at])) at--;
                line = line[..at] + NonBmp[rng.Next(NonBmp.Length)] + line[at..];
            }
            if (rng.Next(10) == 0) line = "\u3000\u3000" + line;
            if (rng.Next(15) == 0 && line.Length > 10) line = line[..5] + "选(xuǎn)" + line[5..];
            if (fullWidth) line = string.Concat(line.Select(c => c is >= '0' and <= '9' && rng.Next(2) == 0 ? (char)(c + 0xFEE0) : c));
            sb.Append(line);
            if (li + 1 < lines.Count) sb.Append(lineBreak);
        }
        return (sb.ToString(), Encodings[rng.Next(Encodings.Length)]);
    }

    [Fact]
    public void Decoded_text_maps_reader_offsets_through_crlf_and_surrogate_pairs()
    {
        // The file holds a CRLF, a lone CR and a surrogate pair; the reader's text has LFs.
        var decoded = "a\r\nb\r\U00020000c";
        var reader = TxtReportReader.NormaliseLineBreaks(decoded, out var crlfEnds);
        Assert.Equal("a\nb\n\U00020000c", reader);
        Assert.Equal([2], crlfEnds);
        var map = new DecodedText(decoded, crlfEnds);
        int[] expectUtf16 = [0, 1, 3, 4, 5, 6, 7, 8];   // reader offsets 0..7 → decoded UTF-16
        for (int i = 0; i <= reader.Length; i++) Assert.Equal(expectUtf16[i], map.ToDecoded(i));
        Assert.Equal(5, map.CodePoint(map.ToDecoded(4)));    // the pair starts at code point 5
        Assert.Equal(6, map.CodePoint(map.ToDecoded(6)));    // 'c' is code point 6
        Assert.Equal(7, map.CodePoint(decoded.Length));      // 7 code points in all
    }

    [Fact]
    public void A_docx_mention_locates_its_paragraph_or_cell_and_the_span_in_it()
    {
        foreach (var name in new[] { "001_87709b1c34e14cd9.docx", "table-sample.docx" })
        {
            var path = TestPaths.Combine("tests", "fixtures", "formats", name);
            var bytes = File.ReadAllBytes(path);
            var mentions = Mine(name, bytes);
            Assert.NotEmpty(mentions);
            // The paragraphs and cells as the document holds them: the text of their runs.
            using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            var body = docx.MainDocumentPart!.Document.Body!;
            var paragraphs = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().ToList();
            var tables = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().ToList();
            foreach (var m in mentions)
            {
                Assert.NotNull(m.Locator);
                string holder;
                if (m.Locator![0] == 'p')
                    holder = paragraphs[int.Parse(m.Locator[1..].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture) - 1].InnerText;
                else
                {
                    var parts = m.Locator.Split('/').Select(p => int.Parse(p[1..], System.Globalization.CultureInfo.InvariantCulture) - 1).ToArray();
                    var row = tables[parts[0]].Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().ElementAt(parts[1]);
                    holder = row.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().ElementAt(parts[2]).InnerText;
                }
                Assert.Null(Check(CodePoints(holder), m));
            }
        }
    }
}
