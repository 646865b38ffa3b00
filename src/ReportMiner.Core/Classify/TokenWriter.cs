using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ReportMiner.Classify;

/// <summary>
/// Writes space-separated tokens like a <see cref="StringBuilder"/> but hashes each token into
/// <see cref="FeatureSpace"/> as it is written (same slots as hashing the finished text), keeping
/// the text only when asked.
/// </summary>
internal sealed class TokenWriter
{
    private const uint Basis = 2166136261, Prime = 16777619;
    private uint _start;
    private readonly StringBuilder? _text;
    private readonly List<int> _slots = new(128);
    private uint _hash;
    private bool _open;

    public TokenWriter(char tag, bool keepText)
    {
        _text = keepText ? new StringBuilder(256) : null;
        Reset(tag);
    }

    private void Reset(char tag)
    {
        _start = unchecked((Basis ^ tag) * Prime);
        _hash = _start;
        _open = false;
        _slots.Clear();
        Length = 0;
    }

    /// <summary>
    /// A writer for one bag of a feature row. Without text (prediction) this thread's writer
    /// number <paramref name="index"/> (0 or 1) is reset and reused: a row needs two bags, its
    /// slots are copied into the vector at once, and there are several rows per figure.
    /// </summary>
    public static TokenWriter Create(int index, char tag, bool keepText)
    {
        if (keepText) return new TokenWriter(tag, keepText: true);
        var pool = t_pool ??= [new TokenWriter(tag, false), new TokenWriter(tag, false)];
        var writer = pool[index];
        writer.Reset(tag);
        return writer;
    }

    [ThreadStatic] private static TokenWriter[]? t_pool;

    /// <summary>Characters written so far.</summary>
    public int Length { get; private set; }

    public TokenWriter Append(char ch) => Append(new ReadOnlySpan<char>(in ch));

    /// <summary>Appends <paramref name="s"/>: the same as appending its characters one by one, with the hash kept in a local.</summary>
    public TokenWriter Append(ReadOnlySpan<char> s)
    {
        _text?.Append(s);
        Length += s.Length;
        uint hash = _hash;
        bool open = _open;
        foreach (var ch in s)
        {
            if (ch == ' ')
            {
                if (open) _slots.Add((int)(hash & (FeatureSpace.Size - 1)));
                hash = _start;
                open = false;
            }
            else
            {
                hash = unchecked((hash ^ ch) * Prime);
                open = true;
            }
        }
        _hash = hash;
        _open = open;
        return this;
    }

    public TokenWriter Append(string s) => Append(s.AsSpan());

    public TokenWriter Append(int n) => Append(n.ToString(CultureInfo.InvariantCulture));

    private void Close()
    {
        if (_open) _slots.Add((int)(_hash & (FeatureSpace.Size - 1)));
        _hash = _start;
        _open = false;
    }

    /// <summary>The slots of all tokens, sorted.</summary>
    public List<int> Finish()
    {
        Close();
        FeatureSpace.SortSlots(CollectionsMarshal.AsSpan(_slots));
        return _slots;
    }

    /// <summary>The tokens as text ("" when not kept).</summary>
    public override string ToString() => _text?.ToString() ?? "";
}
