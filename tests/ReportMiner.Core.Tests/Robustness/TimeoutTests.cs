using ReportMiner.Config;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Robustness;

public sealed class TimeoutTests : IDisposable
{
    /// <summary>Released when the test ends: until then a read of slow.txt does not finish.</summary>
    private readonly ManualResetEventSlim _release = new();

    private readonly TempFolder _dir = new("reportminer-timeout");

    public void Dispose()
    {
        _release.Set();
        _dir.Dispose();
    }

    /// <summary>A reader that does not finish on files named slow.txt until the test releases it (at most a minute).</summary>
    private sealed class StuckReader(ManualResetEventSlim release) : IReportReader
    {
        private readonly TxtReportReader _txt = new();
        public string Format => "txt";
        public ReaderMatch Match(ReadOnlySpan<byte> head, string extension) => _txt.Match(head, extension);
        public IngestResult Read(string id, ReadOnlyMemory<byte> bytes, IngestOptions options)
        {
            if (id.EndsWith("slow.txt", StringComparison.Ordinal)) release.Wait(TimeSpan.FromMinutes(1));
            return _txt.Read(id, bytes, options);
        }
    }

    [Fact]
    public void A_file_over_the_time_limit_is_an_error_and_the_batch_goes_on()
    {
        // The stuck file never finishes within the limit, whatever it is; the good one gets a
        // limit it meets even on a busy machine (the pipeline is built and warmed up first, so
        // its time is one small file's work, well under a second).
        var input = _dir.Combine("in");
        Directory.CreateDirectory(input);
        File.Copy(TestPaths.Corpus("001_87709b1c34e14cd9.txt"), Path.Combine(input, "good.txt"));
        File.Copy(TestPaths.Corpus("000_971f75f910563c26.txt"), Path.Combine(input, "slow.txt"));
        var config = SharedPipeline.Config.WithIngest(new IngestSection { TimeoutSeconds = 5 });
        var pipeline = new ReportPipelineBuilder(config).Build();
        SharedPipeline.ProcessWith(pipeline, "001_87709b1c34e14cd9.txt");
        var output = _dir.Combine("out");
        var summary = new BatchRunner(pipeline, new ReaderRegistry([new StuckReader(_release)]), TextWriter.Null)
            .Run(new BatchOptions(input, output) { Jobs = 2, UseCache = false });
        // Had the limit not cut the stuck file off, its read would have finished (after the
        // minute) and the batch would report no error.
        Assert.Equal(1, summary.Errors);
        var error = File.ReadAllText(Path.Combine(output, "errors.jsonl"));
        Assert.Contains("slow.txt", error);
        Assert.Contains("timeout", error);
        Assert.Contains(Directory.GetFiles(Path.Combine(output, "counties")), f => File.ReadAllText(f).Contains("good.txt"));
    }
}
