namespace ReportMiner.Core.Tests;

/// <summary>
/// Reads human-readable spec files of <c>input =&gt; expected</c> lines ('#' comments, blank lines
/// ignored) that drive table tests. Files sit beside the tests and are copied to the output.
/// </summary>
public static class SpecFile
{
    public static TheoryData<string, string> Load(string relativePath)
    {
        var data = new TheoryData<string, string>();
        var path = Path.Combine(AppContext.BaseDirectory, relativePath);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int arrow = line.IndexOf("=>", StringComparison.Ordinal);
            if (arrow < 0) throw new FormatException($"{relativePath}: line without '=>': {line}");
            data.Add(line[..arrow].Trim(), line[(arrow + 2)..].Trim());
        }
        return data;
    }
}
