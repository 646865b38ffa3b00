namespace ReportMiner.Normalise;

/// <summary>The lines of a text as <c>[Start, End)</c> offsets, split on '\n' (the break itself is in neither line).</summary>
public static class LineIndex
{
    public static List<(int Start, int End)> Of(string text)
    {
        var lines = new List<(int, int)>();
        int start = 0;
        while (true)
        {
            int nl = text.IndexOf('\n', start);
            if (nl < 0) { lines.Add((start, text.Length)); break; }
            lines.Add((start, nl));
            start = nl + 1;
        }
        return lines;
    }
}
