using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace ReportMiner.Fuzz;

/// <summary>
/// The readers turn every exception into a Fail ("damaged PDF: …"), which is right for damage but
/// hides bugs: a NullReferenceException in our own cleaner would silently cost a good file. While a
/// target runs on this thread, this watches every exception as it is thrown (first chance) and
/// records those of a bug class (null dereference, index or argument out of range, bad cast,
/// missing key, overflow, invalid operation, bad format) whose nearest non-framework frame is in
/// ReportMiner's own code. Such an exception fails the target even when something caught it.
/// Exceptions raised inside third-party libraries (PdfPig, OpenXml) on damaged input are theirs
/// to throw and are not counted.
/// </summary>
public static class BugExceptionWatch
{
    [ThreadStatic] private static int _depth;
    [ThreadStatic] private static List<string>? _recorded;
    [ThreadStatic] private static bool _inHandler;

    static BugExceptionWatch() => AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;

    /// <summary>Runs <paramref name="action"/>; throws <see cref="FuzzFailure"/> if our code threw a bug-class exception meanwhile.</summary>
    public static void Run(Action action)
    {
        _depth++;
        if (_depth == 1) _recorded = null;
        try
        {
            action();
        }
        finally
        {
            _depth--;
        }
        if (_depth == 0 && _recorded is { Count: > 0 } found)
        {
            _recorded = null;
            throw new FuzzFailure("ReportMiner code threw (and something caught) a bug-class exception:\n" + string.Join("\n---\n", found));
        }
    }

    /// <summary>Exception types that mean a programming error, not bad input, when our code throws them.</summary>
    public static bool IsBugClass(Exception ex) => ex is NullReferenceException or IndexOutOfRangeException or ArgumentOutOfRangeException
        or ArgumentNullException or InvalidCastException or KeyNotFoundException or DivideByZeroException or OverflowException
        or InvalidOperationException or FormatException or NotImplementedException or NotSupportedException;

    private static void OnFirstChance(object? sender, FirstChanceExceptionEventArgs e)
    {
        if (_depth == 0 || _inHandler || e.Exception is FuzzFailure || !IsBugClass(e.Exception)) return;
        _inHandler = true;
        try
        {
            var owner = FirstOwnFrame(new StackTrace(1, false));
            if (owner is not null && owner.StartsWith("ReportMiner.", StringComparison.Ordinal) && !owner.StartsWith("ReportMiner.Fuzz.", StringComparison.Ordinal))
            {
                (_recorded ??= []).Add($"{e.Exception.GetType().FullName}: {e.Exception.Message}\n  thrown under {owner}\n{new StackTrace(1, true)}");
            }
        }
        finally
        {
            _inHandler = false;
        }
    }

    /// <summary>Type of the first frame outside the framework (System.*, Microsoft.*) and this watcher.</summary>
    private static string? FirstOwnFrame(StackTrace trace)
    {
        foreach (var frame in trace.GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            var name = type?.FullName;
            if (name is null) continue;
            if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
                || type == typeof(BugExceptionWatch)) continue;
            return name;
        }
        return null;
    }
}
