using System.Runtime.CompilerServices;

namespace ReportMiner.Testing;

/// <summary>
/// Everything the tests (and the code they run) write to the temp folder goes to one folder of
/// this test process, deleted when the process exits; a folder left by a test process that is
/// gone (one killed, or ended without its exit handlers) is deleted by the next. <c>make test</c>
/// also runs the tests in a temp folder of its own and deletes it.
/// </summary>
internal static class TestScratch
{
    /// <summary>The test process's temp folder (what <see cref="Path.GetTempPath"/> returns in it).</summary>
    public static string Root { get; private set; } = "";

#pragma warning disable CA2255 // a test assembly sets up its own process
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Init()
    {
        const string prefix = "reportminer-tests-";
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), prefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(dir)[prefix.Length..], out var pid) && Directory.Exists("/proc/self") && !Directory.Exists($"/proc/{pid}"))
                TryDelete(dir);
        }
        Root = Path.Combine(Path.GetTempPath(), prefix + Environment.ProcessId);
        Directory.CreateDirectory(Root);
        Environment.SetEnvironmentVariable("TMPDIR", Root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(Root);
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }
}
