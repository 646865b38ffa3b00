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

    /// <summary>
    /// Appends the 1- to <paramref name="maxN"/>-grams of <paramref name="s"/> as tokens
    /// "{side}{n}:{gram}", each preceded by a space unless nothing was written yet: the same
    /// characters and slots as appending them one by one, but without text (prediction) each
    /// gram is hashed from the hash of its prefix, computed once per n.
    /// </summary>
    public void AppendGrams(char side, ReadOnlySpan<char> s, int maxN)
    {
        if (_text is not null || maxN > 9 || s.Contains(' '))
        {
            for (int n = 1; n <= maxN; n++)
                for (int i = 0; i + n <= s.Length; i++)
                {
                    if (Length > 0) Append(' ');
                    Append(side).Append(n).Append(':').Append(s.Slice(i, n));
                }
            return;
        }
        const int Mask = FeatureSpace.Size - 1;
        uint hash = _hash;
        bool open = _open;
        int length = Length;
        for (int n = 1; n <= maxN; n++)
        {
            uint prefix = unchecked((_start ^ side) * Prime);
            prefix = unchecked((prefix ^ (uint)('0' + n)) * Prime);
            prefix = unchecked((prefix ^ ':') * Prime);
            for (int i = 0; i + n <= s.Length; i++)
            {
                // The space before the token closes the open one (none before the first character written).
                if (length > 0)
                {
                    if (open) _slots.Add((int)(hash & Mask));
                    length++;
                }
                uint h = prefix;
                foreach (char ch in s.Slice(i, n)) h = unchecked((h ^ ch) * Prime);
                hash = h;
                open = true;
                length += 3 + n;
            }
        }
        _hash = hash;
        _open = open;
        Length = length;
    }

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
