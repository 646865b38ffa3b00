using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Pipeline;

public class OrderedParallelTests
{
    [Theory]
    [InlineData(0, 1, 8)]
    [InlineData(1, 2, 8)]
    [InlineData(500, 1, 8)]
    [InlineData(500, 3, 8)]
    // Windows narrower and wider than the consumer's wake-up batch (OrderedParallel.WakeBatch).
    [InlineData(300, 1, 1)]
    [InlineData(300, 2, 3)]
    [InlineData(300, 3, 64)]
    public void Results_reach_the_consumer_in_order_and_workers_stay_within_the_window(int count, int jobs, int window)
    {
        var seen = new List<int>();
        int started = 0, maxAhead = 0;
        OrderedParallel<int>.Run(count, jobs, window,
            i =>
            {
                int s = Interlocked.Increment(ref started);
                lock (seen) maxAhead = Math.Max(maxAhead, s - seen.Count);
                if (i % 7 == 0) Thread.SpinWait(2000 * (i % 5));   // uneven work, so later items finish first
                return i * 2;
            },
            (i, result) =>
            {
                Assert.Equal(i * 2, result);
                lock (seen) seen.Add(i);
            });
        Assert.Equal(Enumerable.Range(0, count), seen);
        // Started but not consumed: at most the window of waiting results, plus the one being consumed.
        Assert.True(maxAhead <= window + 1, $"a worker ran {maxAhead} items ahead of the consumer (window {window})");
    }

    [Fact]
    public void A_failing_item_stops_the_run_and_its_exception_surfaces()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => OrderedParallel<int>.Run(1000, 2, 4,
            i => i == 10 ? throw new InvalidOperationException("item 10") : i,
            (_, _) => { }));
        Assert.Equal("item 10", ex.Message);
    }

    [Fact]
    public void A_failing_consumer_stops_the_workers()
    {
        int worked = 0;
        Assert.Throws<IOException>(() => OrderedParallel<int>.Run(100_000, 2, 4,
            i => Interlocked.Increment(ref worked),
            (i, _) => { if (i == 3) throw new IOException("disk full"); }));
        Assert.True(worked < 100, $"{worked} items were still processed after the consumer failed");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_stuck_item_gets_the_timeout_result_and_the_others_go_on(int jobs)
    {
        using var release = new ManualResetEventSlim();
        var results = new List<int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        OrderedParallel<int>.Run(20, jobs, 4,
            i =>
            {
                if (i == 3) release.Wait(TimeSpan.FromSeconds(30));   // stuck until the test ends
                return i;
            },
            (_, r) => results.Add(r),
            TimeSpan.FromMilliseconds(200), i => -i);
        release.Set();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"waited {clock.Elapsed} for a stuck item");
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i == 3 ? -3 : i), results);
    }
}
