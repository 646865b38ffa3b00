using ReportMiner.Testing;

namespace ReportMiner.Core.Tests;

public class TestScratchTests
{
    [Fact]
    public void The_temp_folder_is_the_test_process_own_and_goes_with_it()
    {
        Assert.Equal(TestScratch.Root.TrimEnd('/'), Path.GetTempPath().TrimEnd('/'));
        Assert.Contains($"reportminer-tests-{Environment.ProcessId}", TestScratch.Root, StringComparison.Ordinal);
        Assert.True(Directory.Exists(TestScratch.Root));
    }
}
