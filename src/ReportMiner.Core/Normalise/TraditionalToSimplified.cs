namespace ReportMiner.Normalise;

/// <summary>
/// One-to-one character map from traditional to simplified script (OpenCC's TSCharacters,
/// BMP characters only), so normalisation keeps offsets aligned.
/// </summary>
public sealed class TraditionalToSimplified
{
    private readonly char[] _map = new char[65536];

    private TraditionalToSimplified()
    {
        for (int i = 0; i < _map.Length; i++) _map[i] = (char)i;
    }

    /// <summary>The identity map.</summary>
    public static TraditionalToSimplified None { get; } = new();

    /// <summary>Loads a table of <c>traditional TAB simplified</c> lines ('#' starts a comment).</summary>
    public static TraditionalToSimplified Load(string path)
    {
        var table = new TraditionalToSimplified();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 3 && line[1] == '\t') table._map[line[0]] = line[2];
        }
        return table;
    }

    public char Map(char c) => _map[c];
}
