using System.Diagnostics;
using ReportMiner.Output;

namespace ReportMiner.Core.Tests.Output;

public class OutputLockTests
{
    [Fact]
    public void A_live_holder_is_refused_with_its_pid_and_a_released_lock_can_be_taken_again()
    {
        using var dir = new TempFolder("rm-lock");
        Directory.CreateDirectory(dir.Path);
        using (OutputLock.Acquire(dir.Path))
        {
            var ex = Assert.Throws<OutputLockedException>(() => OutputLock.Acquire(dir.Path));
            Assert.Contains($"pid {Environment.ProcessId}", ex.Message);
        }
        Assert.False(File.Exists(dir.Combine(OutputLock.FileName)));
        using (OutputLock.Acquire(dir.Path)) { }
    }

    [Fact]
    public void A_lock_whose_process_is_gone_is_stale_and_taken_over()
    {
        using var dir = new TempFolder("rm-lock");
        Directory.CreateDirectory(dir.Path);
        using var gone = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        gone.WaitForExit();
        File.WriteAllText(dir.Combine(OutputLock.FileName), $$"""{"pid":{{gone.Id}},"start_ticks":1,"started":"2026-01-01T00:00:00Z","host":"{{Environment.MachineName}}"}""");
        using var taken = OutputLock.Acquire(dir.Path);
        Assert.Contains($"\"pid\":{Environment.ProcessId}", File.ReadAllText(dir.Combine(OutputLock.FileName)));
    }

    [Fact]
    public void A_reused_pid_with_another_start_time_is_stale()
    {
        using var dir = new TempFolder("rm-lock");
        Directory.CreateDirectory(dir.Path);
        // This process's pid, but a start time it does not have: the holder was an earlier process with that pid.
        var ticks = OutputLock.StartTicks(Environment.ProcessId)!.Value;
        File.WriteAllText(dir.Combine(OutputLock.FileName), $$"""{"pid":{{Environment.ProcessId}},"start_ticks":{{ticks + 12345}},"started":"2026-01-01T00:00:00Z","host":"{{Environment.MachineName}}"}""");
        using var taken = OutputLock.Acquire(dir.Path);
    }

    [Fact]
    public void Output_folder_problems_are_found_before_mining()
    {
        using var dir = new TempFolder("rm-out");
        Directory.CreateDirectory(dir.Path);
        var file = dir.Combine("a-file");
        File.WriteAllText(file, "x");
        Assert.Contains("is a file, not a folder", OutputFolder.Prepare(file));
        var outDir = dir.Combine("out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "counties"), "x");
        Assert.Contains("counties: is a file where the run writes a folder", OutputFolder.Prepare(outDir));
        File.Delete(Path.Combine(outDir, "counties"));
        Assert.Null(OutputFolder.Prepare(outDir));
        Assert.Empty(Directory.GetFiles(outDir));   // the write probe leaves nothing
    }
}
