using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReportMiner.Config;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;
using ReportMiner.Tests.Ingest;

namespace ReportMiner.Core.Tests.Robustness;

/// <summary>
/// Broken, hostile and huge files in one batch with good ones: every bad file is reported
/// (document, stage, reason), no crash or hang, and the good files' output is exactly what
/// it is without the bad files. The files are generated here.
/// </summary>
public class BadInputSuiteTests
{
    private static readonly string[] GoodCorpusFiles = ["000_971f75f910563c26.txt", "001_87709b1c34e14cd9.txt", "web/w005.txt"];

    /// <summary>Bad files and the stage their error must name.</summary>
    private static Dictionary<string, (byte[] Bytes, string Stage)> BadFiles()
    {
        var random = new Random(7);
        byte[] Noise(int n) { var b = new byte[n]; random.NextBytes(b); return b; }
        var pdf = Fixtures.Format("001_87709b1c34e14cd9.libreoffice.pdf");
        var docx = Fixtures.Format("001_87709b1c34e14cd9.docx");
        var noToUnicode = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(Fixtures.Format("000_971f75f910563c26.chromium.pdf")).Replace("/ToUnicode", "/ToUnicodX"));
        return new()
        {
            ["bad/empty.txt"] = ([], "ingest"),
            ["bad/garbage.txt"] = (Noise(4096), "decode"),
            ["bad/garbage.pdf"] = (Noise(4096), "pdf"),
            ["bad/garbage.docx"] = (Noise(4096), "docx"),
            ["bad/truncated.pdf"] = (pdf[..(pdf.Length / 2)], "pdf"),
            ["bad/truncated.docx"] = (docx[..(docx.Length / 2)], "docx"),
            ["bad/encrypted.pdf"] = (MiniPdf.Encrypted(), "pdf"),
            ["bad/scanned.pdf"] = (MiniPdf.ScannedPage(), "pdf"),
            ["bad/no-tounicode.pdf"] = (noToUnicode, "pdf"),
            ["bad/entities.docx"] = (BillionLaughs(), "docx"),
            ["bad/bomb.docx"] = (ZipBomb(1L << 30), "docx"),
        };
    }

    /// <summary>A DOCX whose document part inflates to <paramref name="inflated"/> bytes of zeros-like XML.</summary>
    private static byte[] ZipBomb(long inflated)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
            Add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Add("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            using var body = zip.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open();
            body.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"u8);
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)'0');
            for (long written = 0; written < inflated; written += block.Length) body.Write(block);
            body.Write("</w:t></w:r></w:p></w:body></w:document>"u8);
        }
        return ms.ToArray();
    }

    private static byte[] BillionLaughs()
    {
        var dtd = new StringBuilder("<!DOCTYPE w:document [<!ENTITY l0 \"哈哈哈哈哈哈哈哈哈哈\">");
        for (int i = 1; i <= 9; i++) dtd.Append($"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        dtd.Append("]>");
        var xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>{dtd}<w:document xmlns:w=\"{MiniDocx.W}\"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>";
        return MiniDocx.Create("", xml);
    }

    private static string NewDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "reportminer-robustness", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Good files, including ones with hostile names and titles and an undeclared legacy encoding.</summary>
    private static void WriteGoodFiles(string root)
    {
        foreach (var f in GoodCorpusFiles)
        {
            var target = Path.Combine(root, "good", Path.GetFileName(f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(TestPaths.Corpus(f), target);
        }
        var gbk = File.ReadAllText(TestPaths.Corpus("002_6df9cd8cc85e8b20.txt"));
        File.WriteAllBytes(Path.Combine(root, "good", "legacy-gbk.txt"), TextDecoder.Gb18030.GetBytes(gbk));
        var hostile = Path.Combine(root, "hostile");
        Directory.CreateDirectory(hostile);
        File.WriteAllText(Path.Combine(hostile, "CON.txt"), "CON县科技局2023年工作总结\n全县新增高新技术企业5家。\n");
        File.WriteAllText(Path.Combine(hostile, "ctrl\u0001\u0007name.txt"), "..\\..\\etc/passwd县科技局\u0001工作总结\n新增高新技术企业6家。\n");
        File.WriteAllText(Path.Combine(hostile, new string('长', 80) + ".txt"), new string('某', 300) + "县科技局工作总结\n新增高新技术企业7家。\n");
    }

    private static (BatchSummary Summary, string Out) Run(string input, string log)
    {
        var config = SharedPipeline.Config.WithIngest(new IngestSection { MaxFileBytes = 64L * 1024 * 1024, TimeoutSeconds = 60, Ocr = "off" });
        var pipeline = new ReportPipelineBuilder(config).Build();
        var outDir = NewDir();
        using var writer = new StringWriter();
        var summary = new BatchRunner(pipeline, ReaderRegistry.CreateDefault(), writer).Run(new BatchOptions(input, outDir) { Jobs = 2, UseCache = false });
        File.WriteAllText(log, writer.ToString());
        return (summary, outDir);
    }

    [Fact]
    public void Every_bad_file_is_reported_and_good_output_is_unchanged()
    {
        var goodOnly = NewDir();
        WriteGoodFiles(goodOnly);
        var mixed = NewDir();
        WriteGoodFiles(mixed);
        var bad = BadFiles();
        foreach (var (name, (bytes, _)) in bad)
        {
            Directory.CreateDirectory(Path.Combine(mixed, Path.GetDirectoryName(name)!));
            File.WriteAllBytes(Path.Combine(mixed, name), bytes);
        }
        // 100 MB over the 64 MiB limit: rejected before it is read (a sparse file costs no disk).
        using (var huge = new FileStream(Path.Combine(mixed, "bad", "huge.txt"), FileMode.Create)) huge.SetLength(100L * 1024 * 1024);

        var (clean, cleanOut) = Run(goodOnly, Path.Combine(goodOnly, "log"));
        var (dirty, dirtyOut) = Run(mixed, Path.Combine(mixed, "log"));

        Assert.Equal(0, clean.Errors);
        Assert.Equal(bad.Count + 1, dirty.Errors);
        var errors = File.ReadAllLines(Path.Combine(dirtyOut, "errors.jsonl"))
            .Select(l => JsonSerializer.Deserialize<Dictionary<string, string>>(l)!)
            .ToDictionary(e => e["document"], e => e);
        foreach (var (name, (_, stage)) in bad)
        {
            Assert.True(errors.TryGetValue(name, out var e), $"{name} not reported");
            Assert.Equal(stage, e!["stage"]);
            Assert.False(string.IsNullOrWhiteSpace(e["reason"]), $"{name}: empty reason");
        }
        Assert.Contains("max_file_bytes", errors["bad/huge.txt"]["reason"]);
        Assert.Contains("empty", errors["bad/empty.txt"]["reason"]);
        Assert.Contains("max_decompressed_bytes", errors["bad/bomb.docx"]["reason"]);
        Assert.Contains("DTD", errors["bad/entities.docx"]["reason"]);
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "reportminer-robustness", "last-errors.txt"), errors.Select(e => $"{e.Key}\t{e.Value["stage"]}\t{e.Value["reason"]}"));

        // The good files' county files are byte for byte what they are without the bad files.
        var cleanFiles = Directory.GetFiles(Path.Combine(cleanOut, "counties")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var dirtyFiles = Directory.GetFiles(Path.Combine(dirtyOut, "counties")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(cleanFiles, dirtyFiles);
        foreach (var f in cleanFiles)
            Assert.Equal(File.ReadAllBytes(Path.Combine(cleanOut, "counties", f!)), File.ReadAllBytes(Path.Combine(dirtyOut, "counties", f!)));

        // The legacy-encoded file was read as text (the masked report 002 gives no values, but is a document).
        Assert.Contains(cleanFiles, f => File.ReadAllText(Path.Combine(cleanOut, "counties", f!)).Contains("good/legacy-gbk.txt"));
    }

    [Fact]
    public void County_files_have_safe_names_inside_the_output_folder_whatever_the_input()
    {
        var input = NewDir();
        WriteGoodFiles(input);
        var (summary, outDir) = Run(input, Path.Combine(input, "log"));
        Assert.Equal(0, summary.Errors);
        var all = Directory.GetFiles(outDir, "*", SearchOption.AllDirectories);
        var safe = new Regex(@"^[\p{L}\p{N}_-]{1,64}\.json$");
        foreach (var f in Directory.GetFiles(Path.Combine(outDir, "counties")))
        {
            var name = Path.GetFileName(f);
            Assert.Matches(safe, name);
            Assert.DoesNotMatch(new Regex("^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])\\.", RegexOptions.IgnoreCase), name);
        }
        Assert.All(all, f => Assert.StartsWith(Path.GetFullPath(outDir), Path.GetFullPath(f)));
    }
}
