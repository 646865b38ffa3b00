using System.Diagnostics;

namespace ReportMiner.Pipeline;

/// <summary>
/// Runs work items on a few threads and hands their results to one consumer in item order,
/// so a batch can stream its output while files are still being processed. At most
/// <c>window</c> results wait for the consumer: workers pause when they are that far ahead,
/// which bounds memory whatever the number of items. An item over its time limit is given
/// up: its result becomes the timeout value and a fresh thread takes the stuck worker's place
/// (.NET cannot abort a thread; the stuck one ends on its own, and its result is dropped).
/// Each item runs on the thread that took it: no hand-off, no spinning between threads.
/// </summary>
internal sealed class OrderedParallel<T>
{
    private readonly int _count;
    private readonly int _window;
    private readonly Func<int, T> _work;
    private readonly TimeSpan _limit;
    private readonly Func<int, T>? _onTimeout;
    private readonly T[] _slots;
    private readonly bool[] _ready;
    private readonly object _gate = new();
    private readonly List<Worker> _workers = [];
    private int _next, _consumed;
    private Exception? _failure;
    private bool _finished;
    /// <summary>The item the consumer sleeps waiting for, or -1 when it is not asleep.</summary>
    private int _consumerWaitsFor = -1;
    /// <summary>Workers asleep until the consumer makes room in the window.</summary>
    private int _workersWaiting;

    /// <summary>
    /// A sleeping consumer is woken when this many items from the one it waits for are ready
    /// (or the last ones, or the window is full): a wake-up per file cost ~2% of a run's CPU in
    /// futex calls from the workers (perf), and the consumer a context switch per file.
    /// </summary>
    internal const int WakeBatch = 8;

    private OrderedParallel(int count, int window, Func<int, T> work, TimeSpan limit, Func<int, T>? onTimeout)
    {
        _count = count;
        _window = window;
        _work = work;
        _limit = limit;
        _onTimeout = onTimeout;
        _slots = new T[window];
        _ready = new bool[window];
    }

    /// <summary>
    /// Calls <paramref name="work"/> for 0 … <paramref name="count"/>-1 on <paramref name="jobs"/>
    /// threads and <paramref name="consume"/> for each result, in order, on the calling thread.
    /// With <paramref name="onTimeout"/>, an item running longer than <paramref name="limit"/>
    /// gets <c>onTimeout(i)</c> as its result. An exception in work or consume stops the
    /// workers and is rethrown here.
    /// </summary>
    public static void Run(int count, int jobs, int window, Func<int, T> work, Action<int, T> consume,
        TimeSpan limit = default, Func<int, T>? onTimeout = null)
    {
        jobs = Math.Max(1, jobs);
        var run = new OrderedParallel<T>(count, Math.Max(window, jobs), work, limit, onTimeout);
        run.Execute(Math.Min(jobs, Math.Max(1, count)), consume);
    }

    private void Execute(int threads, Action<int, T> consume)
    {
        lock (_gate)
            for (int t = 0; t < threads; t++) StartWorker();
        using var watchdog = _onTimeout is null || _limit <= TimeSpan.Zero ? null
            : new Timer(_ => CheckTimeouts(), null, Tick(_limit), Tick(_limit));
        try
        {
            for (int i = 0; i < _count; i++)
            {
                T result;
                lock (_gate)
                {
                    while (_failure is null && !_ready[i % _window])
                    {
                        _consumerWaitsFor = i;
                        Monitor.Wait(_gate);
                    }
                    _consumerWaitsFor = -1;
                    if (_failure is not null) break;
                    result = _slots[i % _window];
                    _slots[i % _window] = default!;
                    _ready[i % _window] = false;
                    _consumed++;
                    if (_workersWaiting > 0) Monitor.PulseAll(_gate);
                }
                consume(i, result);
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
        List<Thread> live;
        lock (_gate)
        {
            _finished = true;
            Monitor.PulseAll(_gate);
            live = _workers.Where(w => !w.Abandoned).Select(w => w.Thread).ToList();
        }
        foreach (var thread in live) thread.Join();
        if (_failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
    }

    /// <summary>How often the watchdog looks: a quarter of the limit, between 10 ms and 1 s.</summary>
    private static TimeSpan Tick(TimeSpan limit) => TimeSpan.FromMilliseconds(Math.Clamp(limit.TotalMilliseconds / 4, 10, 1000));

    private void StartWorker()
    {
        var worker = new Worker();
        worker.Thread = new Thread(() => Loop(worker)) { IsBackground = true, Name = "reportminer-batch" };
        _workers.Add(worker);
        worker.Thread.Start();
    }

    private void Loop(Worker me)
    {
        while (true)
        {
            int i;
            lock (_gate)
            {
                while (_failure is null && !_finished && _next < _count && _next - _consumed >= _window)
                {
                    _workersWaiting++;
                    Monitor.Wait(_gate);
                    _workersWaiting--;
                }
                if (_failure is not null || _finished || _next >= _count) return;
                i = _next++;
                me.Item = i;
                me.Since = Stopwatch.GetTimestamp();
            }
            T result;
            try
            {
                result = _work(i);
            }
            catch (Exception ex)
            {
                lock (_gate) if (me.Abandoned) return;
                Fail(ex);
                return;
            }
            lock (_gate)
            {
                if (me.Abandoned) return;   // the watchdog gave this item up and a new worker took over
                me.Item = -1;
                Publish(i, result);
            }
        }
    }

    /// <summary>Gives up items over the limit: their timeout result is published and their worker replaced.</summary>
    private void CheckTimeouts()
    {
        lock (_gate)
        {
            if (_finished || _failure is not null) return;
            long now = Stopwatch.GetTimestamp();
            foreach (var w in _workers.ToList())
            {
                if (w.Abandoned || w.Item < 0 || Stopwatch.GetElapsedTime(w.Since, now) < _limit) continue;
                w.Abandoned = true;
                T result;
                try
                {
                    result = _onTimeout!(w.Item);
                }
                catch (Exception ex)
                {
                    _failure ??= ex;
                    Monitor.PulseAll(_gate);
                    return;
                }
                Publish(w.Item, result);
                StartWorker();
            }
        }
    }

    /// <summary>Puts a result in its slot and wakes the consumer if it has a batch to take (caller holds the lock).</summary>
    private void Publish(int i, T result)
    {
        _slots[i % _window] = result;
        _ready[i % _window] = true;
        if (_consumerWaitsFor >= 0 && BatchReady(_consumerWaitsFor)) Monitor.PulseAll(_gate);
    }

    /// <summary>
    /// Whether the consumer, asleep waiting for item <paramref name="from"/>, should wake: the
    /// next <see cref="WakeBatch"/> items (or all that are left) are ready, or the workers have
    /// filled the window and can only go on once it takes some. The batch never spans more than
    /// the window, so its items are all taken or takeable: each one's publication comes, and
    /// the last one wakes the consumer.
    /// </summary>
    private bool BatchReady(int from)
    {
        if (_next - _consumed >= _window) return _ready[from % _window];
        int last = Math.Min(_count, from + Math.Min(WakeBatch, _window));
        for (int k = from; k < last; k++)
            if (!_ready[k % _window]) return false;
        return true;
    }

    private void Fail(Exception ex)
    {
        lock (_gate)
        {
            _failure ??= ex;
            Monitor.PulseAll(_gate);
        }
    }

    private sealed class Worker
    {
        public Thread Thread = null!;
        public int Item = -1;
        public long Since;
        public bool Abandoned;
    }
}
