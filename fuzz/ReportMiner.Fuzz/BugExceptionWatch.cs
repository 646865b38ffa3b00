using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace ReportMiner.Fuzz;

/// <summary>
/// The readers turn every exception into a Fail ("damaged PDF: …"), which is right for damage but
/// hides bugs: a NullReferenceException in our own cleaner would silently cost a good file. While a
/// target runs on this thread, this collects every exception of a bug class (null dereference,
/// index or argument out of range, bad cast, missing key, overflow, invalid operation, bad format)
/// as it is thrown; when the target returns, an exception whose own stack trace (throw point up to
/// the frame that caught it) reaches ReportMiner code before any third-party frame fails the target,
/// even though something caught it. Exceptions thrown and caught inside the framework (ZipArchive's
/// own handling of impossible DOS dates) or raised inside PdfPig / OpenXml on damaged input are
/// theirs and are not counted.
/// </summary>
public static class BugExceptionWatch
{
    [ThreadStatic] private static int _depth;
    [ThreadStatic] private static List<Exception>? _seen;

    static BugExceptionWatch() => AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;

    /// <summary>Runs <paramref name="action"/>; throws <see cref="FuzzFailureException"/> if our code threw a bug-class exception meanwhile.</summary>
    public static void Run(Action action)
    {
        if (_depth == 0) _seen = null;
        _depth++;
        try
        {
            action();
        }
        finally
        {
            _depth--;
        }
        if (_depth > 0 || _seen is not { Count: > 0 } seen) return;
        _seen = null;
        var ours = new List<string>();
        foreach (var ex in seen)
        {
            var trace = new StackTrace(ex, true);
            var owner = FirstOwnFrame(trace);
            if (owner is not null && owner.StartsWith("ReportMiner.", StringComparison.Ordinal) && !owner.StartsWith("ReportMiner.Fuzz.", StringComparison.Ordinal))
                ours.Add($"{ex.GetType().FullName}: {ex.Message}\n  thrown under {owner}\n{trace}");
        }
        if (ours.Count > 0)
            throw new FuzzFailureException("ReportMiner code threw (and something caught) a bug-class exception:\n" + string.Join("\n---\n", ours));
    }

    /// <summary>Exception types that mean a programming error, not bad input, when our code throws them.</summary>
    public static bool IsBugClass(Exception ex) => ex is NullReferenceException or IndexOutOfRangeException or ArgumentOutOfRangeException
        or ArgumentNullException or InvalidCastException or KeyNotFoundException or DivideByZeroException or OverflowException
        or InvalidOperationException or FormatException or NotImplementedException or NotSupportedException;

    private static void OnFirstChance(object? sender, FirstChanceExceptionEventArgs e)
    {
        if (_depth == 0 || e.Exception is FuzzFailureException || !IsBugClass(e.Exception)) return;
        var seen = _seen ??= [];
        if (seen.Count < 64 && !seen.Contains(e.Exception)) seen.Add(e.Exception);
    }

    /// <summary>Type of the first frame, from the throw point up, outside the framework (System.*, Microsoft.*).</summary>
    private static string? FirstOwnFrame(StackTrace trace)
    {
        foreach (var frame in trace.GetFrames())
        {
            var name = frame.GetMethod()?.DeclaringType?.FullName;
            if (name is null) continue;
            if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)) continue;
            return name;
        }
        return null;
    }
}
