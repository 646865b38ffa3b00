using ReportMiner.Config;
using ReportMiner.Ingest;
using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Robustness;

public class TimeoutTests
{
    /// <summary>A reader that never finishes on files named slow.txt.</summary>
    private sealed class StuckReader : IReportReader
    {
        private readonly TxtReportReader _txt = new();
        public string Format => "txt";
        public ReaderMatch Match(ReadOnlySpan<byte> head, string extension) => _txt.Match(head, extension);
        public IngestResult Read(string id, ReadOnlyMemory<byte> bytes, IngestOptions options)
        {
            if (id.EndsWith("slow.txt", StringComparison.Ordinal)) Thread.Sleep(TimeSpan.FromSeconds(30));
            return _txt.Read(id, bytes, options);
        }
    }

    [Fact]
    public void A_file_over_the_time_limit_is_an_error_and_the_batch_goes_on()
    {
        var input = Path.Combine(Path.GetTempPath(), "reportminer-timeout", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(input);
        File.Copy(TestPaths.Corpus("001_87709b1c34e14cd9.txt"), Path.Combine(input, "good.txt"));
        File.Copy(TestPaths.Corpus("000_971f75f910563c26.txt"), Path.Combine(input, "slow.txt"));
        var config = SharedPipeline.Config.WithIngest(new IngestSection { TimeoutSeconds = 1 });
        var output = input + "-out";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var summary = new BatchRunner(new ReportPipelineBuilder(config).Build(), new ReaderRegistry([new StuckReader()]), TextWriter.Null)
            .Run(new BatchOptions(input, output) { Jobs = 2, UseCache = false });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the batch waited {clock.Elapsed} for a stuck file");
        Assert.Equal(1, summary.Errors);
        var error = File.ReadAllText(Path.Combine(output, "errors.jsonl"));
        Assert.Contains("slow.txt", error);
        Assert.Contains("timeout", error);
        Assert.Contains(Directory.GetFiles(Path.Combine(output, "counties")), f => File.ReadAllText(f).Contains("good.txt"));
    }
}
