using ReportMiner.Fuzz;

namespace ReportMiner.Core.Tests.Fuzz;

/// <summary>
/// Replays every seed (fuzz/seeds/&lt;target&gt;/) and every input the fuzzer found
/// (tests/fuzz-findings/&lt;target&gt;/) through the same target function `make fuzz` runs: a
/// finding fails here until its bug is fixed, and stays as a regression test after.
/// </summary>
public class FuzzRegressionTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.Names)
        {
            foreach (var folder in new[] { Path.Combine("fuzz", "seeds", target), Path.Combine("tests", "fuzz-findings", target) })
            {
                var dir = Path.Combine(TestPaths.RepoRoot, folder);
                if (!Directory.Exists(dir)) continue;
                foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
                    data.Add(target, Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/'));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_passes_its_fuzz_target(string target, string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, file));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        FuzzTargets.Run(target, bytes);
        // A hang under afl-fuzz is an input over its -t limit (5 s, 10 s for pdf/docx); a busy test machine gets 6× that.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(target is "pdf" or "docx" ? 60 : 30), $"{file} took {watch.Elapsed}");
    }

    [Fact]
    public void Every_target_has_seeds()
    {
        foreach (var target in FuzzTargets.Names)
        {
            var dir = Path.Combine(TestPaths.RepoRoot, "fuzz", "seeds", target);
            Assert.True(Directory.Exists(dir) && Directory.GetFiles(dir).Length > 0, $"no seeds for '{target}' in {dir}");
            long size = Directory.GetFiles(dir).Sum(f => new FileInfo(f).Length);
            Assert.True(size <= 100 * 1024, $"seeds of '{target}' are {size} bytes, over 100 KB");
        }
    }

    [Fact]
    public void Unknown_target_is_refused()
        => Assert.Throws<ArgumentException>(() => FuzzTargets.Run("nope", []));

    [Fact]
    public void A_bug_class_exception_in_our_code_fails_the_target_even_when_caught()
    {
        // This test's own code is ReportMiner.* code, so a caught null dereference here counts.
        var failure = Assert.Throws<FuzzFailureException>(() => BugExceptionWatch.Run(() =>
        {
            try { _ = ((string?)Environment.GetEnvironmentVariable("REPORTMINER_NO_SUCH_VARIABLE"))!.Length; }
            catch (NullReferenceException) { }
        }));
        Assert.Contains("NullReferenceException", failure.Message);
    }

    [Fact]
    public void An_input_exception_that_is_not_a_bug_class_is_not_counted()
        => BugExceptionWatch.Run(() =>
        {
            try { throw new InvalidDataException("damaged input"); }
            catch (InvalidDataException) { }
        });
}
