using ReportMiner.Ingest;
using Xunit.Abstractions;

namespace ReportMiner.Tests.Ingest;

/// <summary>A fact that runs only where LibreOffice's soffice is installed with Writer, and is reported as skipped elsewhere.</summary>
public sealed class SofficeFactAttribute : FactAttribute
{
    public SofficeFactAttribute()
    {
        var soffice = LegacyWordReportReader.FindSoffice(null);
        if (soffice is null)
            Skip = "skipped: soffice not installed (apt-get install libreoffice-writer-nogui to run it)";
        else if (!HasWriter(soffice))
            Skip = "skipped: LibreOffice is installed without Writer, which reads .doc (apt-get install libreoffice-writer-nogui to run it)";
    }

    /// <summary>Writer's library beside the soffice binary (another LibreOffice package, such as Calc, brings soffice without it).</summary>
    private static bool HasWriter(string soffice)
    {
        var real = new FileInfo(soffice).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? soffice;
        return File.Exists(Path.Combine(Path.GetDirectoryName(real)!, "libswlo.so"));
    }
}

[ReportMiner.Testing.StartsEarly]
public sealed class LegacyWordReportReaderTests(ITestOutputHelper output)
{
    private static readonly LegacyWordReportReader Reader = new();

    [Fact]
    public void Without_soffice_the_error_says_how_to_install_it()
    {
        var options = IngestOptions.Default with { SofficePath = "/nonexistent/soffice" };
        var result = Reader.Read("reports/a.wps", Fixtures.Format("000_971f75f910563c26.doc"), options);
        Assert.False(result.Success);
        Assert.Equal("wps", result.Error!.Stage);
        Assert.Equal("reports/a.wps", result.Error.Document);
        Assert.Contains("apt-get install libreoffice-writer-nogui", result.Error.Reason);
    }

    /// <summary>Two conversions at once (each LibreOffice start costs seconds, so the plain conversion is checked on these two).</summary>
    [SofficeFact]
    public void Doc_fixture_converts_to_the_source_text_also_when_two_convert_at_once_with_separate_profiles()
    {
        var bytes = Fixtures.Format("000_971f75f910563c26.doc");
        var results = new IngestResult[2];
        Parallel.For(0, results.Length, i => results[i] = Reader.Read($"{i}.doc", bytes, IngestOptions.Default));
        foreach (var result in results)
        {
            Assert.True(result.Success, result.Error?.Reason);
            var doc = result.Document!;
            Assert.Equal("doc", doc.Format);
            Assert.Equal(Hashing.Sha256Hex(bytes), doc.Sha256);
            Assert.Equal(Fixtures.Source("000_971f75f910563c26"), doc.Text);
            Assert.Equal("p1", doc.Regions[0].Locator);
        }
    }

    [SofficeFact]
    public void Not_a_word_file_is_a_clear_error()
    {
        var garbage = new byte[3000];
        new Random(9).NextBytes(garbage);
        var result = Reader.Read("junk.doc", garbage, IngestOptions.Default);
        output.WriteLine(result.Error?.Reason ?? result.Document!.Text);
        if (result.Success) Assert.DoesNotContain('\0', result.Document!.Text);   // LibreOffice may import anything as text
        else Assert.Contains("LibreOffice", result.Error!.Reason);
    }
}
