namespace ReportMiner.Pipeline;

/// <summary>
/// Runs work items on a few threads and hands their results to one consumer in item order,
/// so a batch can stream its output while files are still being processed. At most
/// <c>window</c> results wait for the consumer: workers pause when they are that far ahead,
/// which bounds memory whatever the number of items.
/// </summary>
internal static class OrderedParallel
{
    /// <summary>
    /// Calls <paramref name="work"/> for 0 … <paramref name="count"/>-1 on <paramref name="jobs"/>
    /// threads and <paramref name="consume"/> for each result, in order, on the calling thread.
    /// An exception in either stops the workers and is rethrown here.
    /// </summary>
    public static void Run<T>(int count, int jobs, int window, Func<int, T> work, Action<int, T> consume)
    {
        window = Math.Max(window, jobs);
        var slots = new T[window];
        var ready = new bool[window];
        var gate = new object();
        int next = 0, consumed = 0;
        Exception? failure = null;

        void Worker()
        {
            while (true)
            {
                int i;
                lock (gate)
                {
                    while (failure is null && next < count && next - consumed >= window) Monitor.Wait(gate);
                    if (failure is not null || next >= count) return;
                    i = next++;
                }
                T result;
                try
                {
                    result = work(i);
                }
                catch (Exception ex)
                {
                    lock (gate) { failure ??= ex; Monitor.PulseAll(gate); }
                    return;
                }
                lock (gate)
                {
                    slots[i % window] = result;
                    ready[i % window] = true;
                    Monitor.PulseAll(gate);
                }
            }
        }

        var threads = new Thread[Math.Max(1, Math.Min(jobs, count))];
        for (int t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(Worker) { IsBackground = true, Name = "reportminer-batch" };
            threads[t].Start();
        }
        try
        {
            for (int i = 0; i < count; i++)
            {
                T result;
                lock (gate)
                {
                    while (failure is null && !ready[i % window]) Monitor.Wait(gate);
                    if (failure is not null) break;
                    result = slots[i % window];
                    slots[i % window] = default!;
                    ready[i % window] = false;
                    consumed++;
                    Monitor.PulseAll(gate);
                }
                consume(i, result);
            }
        }
        catch (Exception ex)
        {
            lock (gate) { failure ??= ex; Monitor.PulseAll(gate); }
        }
        foreach (var thread in threads) thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }
}
