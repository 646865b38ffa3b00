using System.Text;
using Xunit;

namespace ReportMiner.Testing;

/// <summary>
/// Byte comparisons of output folders and files that say what differs: files missing or extra,
/// and for a file whose bytes differ, its first differing line with the lines around it.
/// </summary>
public static class FolderDiff
{
    /// <summary>Asserts that <paramref name="actualDir"/> holds the same files (matching <paramref name="pattern"/>) with the same bytes as <paramref name="expectedDir"/>.</summary>
    /// <param name="expectedDir">Folder of expected files.</param>
    /// <param name="actualDir">Folder of produced files.</param>
    /// <param name="pattern">File name pattern (e.g. <c>*.json</c>).</param>
    /// <param name="hint">Appended to the failure message (how to accept an intended change).</param>
    public static void AssertSameFiles(string expectedDir, string actualDir, string pattern = "*", string hint = "")
    {
        var expected = Names(expectedDir, pattern);
        var actual = Names(actualDir, pattern);
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        var problems = new StringBuilder();
        if (missing.Count > 0) problems.AppendLine($"missing from {actualDir}: {string.Join(", ", missing)}");
        if (extra.Count > 0) problems.AppendLine($"not in {expectedDir}: {string.Join(", ", extra)}");
        foreach (var name in expected.Intersect(actual, StringComparer.Ordinal))
        {
            if (Difference(Path.Combine(expectedDir, name), Path.Combine(actualDir, name)) is { } diff)
                problems.AppendLine($"{name} differs: {diff}");
        }
        if (problems.Length > 0) Assert.Fail(problems.ToString() + hint);
    }

    /// <summary>Asserts that two files have the same bytes, showing the first differing line when not.</summary>
    public static void AssertSameBytes(string expectedPath, string actualPath)
    {
        if (Difference(expectedPath, actualPath) is { } diff) Assert.Fail($"{actualPath} differs from {expectedPath}: {diff}");
    }

    private static List<string> Names(string dir, string pattern)
        => Directory.Exists(dir) ? Directory.GetFiles(dir, pattern).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Null when the bytes are equal; else where they differ, as lines of text (-expected, +actual) or as a byte offset.</summary>
    public static string? Difference(string expectedPath, string actualPath)
    {
        var a = File.ReadAllBytes(expectedPath);
        var b = File.ReadAllBytes(actualPath);
        if (a.AsSpan().SequenceEqual(b)) return null;
        int at = a.AsSpan().CommonPrefixLength(b);
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        try
        {
            var la = utf8.GetString(a).Split('\n');
            var lb = utf8.GetString(b).Split('\n');
            int line = 0;
            while (line < la.Length && line < lb.Length && la[line] == lb[line]) line++;
            var sb = new StringBuilder($"first difference at byte {at}, line {line + 1} ({a.Length} vs {b.Length} bytes)\n");
            for (int k = Math.Max(0, line - 2); k < line; k++) sb.AppendLine("  " + la[k]);
            for (int k = line; k < Math.Min(la.Length, line + 3); k++) sb.AppendLine("- " + la[k]);
            for (int k = line; k < Math.Min(lb.Length, line + 3); k++) sb.AppendLine("+ " + lb[k]);
            return sb.ToString();
        }
        catch (DecoderFallbackException)
        {
            return $"first difference at byte {at} ({a.Length} vs {b.Length} bytes; binary)";
        }
    }
}
