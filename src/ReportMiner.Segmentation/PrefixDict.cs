using System.Runtime.CompilerServices;

namespace ReportMiner.Segmentation;

/// <summary>
/// jieba's prefix dictionary (<c>FREQ</c>) as a trie whose nodes are numbered in creation
/// order. Every key of jieba's FREQ (each word and each of its prefixes) is exactly one node;
/// prefixes that are not words themselves have frequency 0, as in jieba.
/// Transitions from the root live in a direct 64K array; the others in an open-addressing
/// hash table keyed by (parent, char), packed into one <see cref="ulong"/> per entry:
/// bits 63..40 parent, 39..24 char, 23..0 child (empty slot = 0; the root is never a
/// parent in the table, so no real entry is 0).
/// </summary>
internal sealed class PrefixDict
{
    internal const int MaxNodes = (1 << 24) - 1;
    private const ulong HashMultiplier = 0x9E3779B97F4A7C15UL;

    internal int[] RootChild;
    internal ulong[] Table;
    internal int TableShift;
    internal int TableMask;
    private int _tableCount;

    internal long[] Freq;
    internal byte[] TagIndex;
    internal int Count;

    /// <summary>jieba's <c>total</c>: sum of the frequency of every line or add_word call.</summary>
    internal long Total;

    /// <summary>Tag names; index 0 is "no tag".</summary>
    internal List<string> Tags;

    internal PrefixDict(int nodeCapacity = 1024)
    {
        nodeCapacity = Math.Max(nodeCapacity, 16);
        RootChild = new int[65536];
        Freq = new long[nodeCapacity];
        TagIndex = new byte[nodeCapacity];
        Count = 1; // node 0 is the root (the empty string)
        Tags = [""];
        var bits = 10;
        while ((1L << bits) < (long)nodeCapacity * 2) bits++;
        Table = new ulong[1 << bits];
        TableMask = (1 << bits) - 1;
        TableShift = 64 - bits;
    }

    /// <summary>A dictionary over arrays read from a model file (see <see cref="ModelFormat"/>).</summary>
    internal PrefixDict(int[] rootChild, ulong[] table, int tableCount, long[] freq, byte[] tagIndex, int count, long total, List<string> tags)
    {
        RootChild = rootChild;
        Table = table;
        var bits = System.Numerics.BitOperations.Log2((uint)table.Length);
        if (1 << bits != table.Length) throw new InvalidDataException("hash table size is not a power of two");
        TableMask = table.Length - 1;
        TableShift = 64 - bits;
        _tableCount = tableCount;
        Freq = freq;
        TagIndex = tagIndex;
        Count = count;
        Total = total;
        Tags = tags;
    }

    /// <summary>Entries in the hash table (nodes whose parent is not the root).</summary>
    internal int TableCount => _tableCount;

    private PrefixDict(PrefixDict other)
    {
        RootChild = (int[])other.RootChild.Clone();
        Table = (ulong[])other.Table.Clone();
        TableShift = other.TableShift;
        TableMask = other.TableMask;
        _tableCount = other._tableCount;
        Freq = (long[])other.Freq.Clone();
        TagIndex = (byte[])other.TagIndex.Clone();
        Count = other.Count;
        Total = other.Total;
        Tags = [.. other.Tags];
    }

    internal PrefixDict Clone() => new(this);

    /// <summary>Child of <paramref name="node"/> by <paramref name="c"/>, or 0 when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Child(int node, char c)
    {
        if (node == 0) return RootChild[c];
        var key = ((ulong)(uint)node << 16) | c;
        var table = Table;
        var mask = TableMask;
        var h = (int)(unchecked(key * HashMultiplier) >> TableShift);
        while (true)
        {
            var e = table[h];
            if (e == 0) return 0;
            if ((e >> 24) == key) return (int)(e & 0xFFFFFF);
            h = (h + 1) & mask;
        }
    }

    /// <summary>Node of <paramref name="word"/>, or -1 when it is not a key of FREQ.</summary>
    internal int Find(ReadOnlySpan<char> word)
    {
        var node = 0;
        foreach (var c in word)
        {
            node = Child(node, c);
            if (node == 0) return -1;
        }
        return node;
    }

    /// <summary>jieba's <c>FREQ.get(word)</c> truthiness: a key with frequency &gt; 0.</summary>
    internal bool IsWord(ReadOnlySpan<char> word)
    {
        var n = Find(word);
        return n > 0 && Freq[n] > 0;
    }

    /// <summary>
    /// Sets FREQ[word] = freq, adds freq to total and creates every missing prefix with
    /// frequency 0: the shared part of jieba's gen_pfdict and add_word.
    /// </summary>
    internal int Add(ReadOnlySpan<char> word, long freq, string? tag)
    {
        if (word.IsEmpty) throw new ArgumentException("A dictionary word must not be empty.", nameof(word));
        var node = 0;
        foreach (var c in word)
        {
            var next = Child(node, c);
            if (next == 0) next = NewNode(node, c);
            node = next;
        }
        Freq[node] = freq;
        Total = checked(Total + freq);
        if (!string.IsNullOrEmpty(tag)) TagIndex[node] = InternTag(tag);
        return node;
    }

    /// <summary>Appends a node; used by <see cref="Add"/> and by the model loader.</summary>
    internal int NewNode(int parent, char c)
    {
        if (Count >= MaxNodes) throw new InvalidOperationException($"The prefix dictionary is limited to {MaxNodes} nodes.");
        if (Count == Freq.Length) GrowNodes(Count * 2);
        var id = Count++;
        Link(parent, c, id);
        return id;
    }

    internal void Link(int parent, char c, int child)
    {
        if (parent == 0)
        {
            RootChild[c] = child;
            return;
        }
        if ((_tableCount + 1) * 2 > Table.Length) GrowTable();
        Insert(Table, TableMask, TableShift, parent, c, child);
        _tableCount++;
    }

    private static void Insert(ulong[] table, int mask, int shift, int parent, char c, int child)
    {
        var key = ((ulong)(uint)parent << 16) | c;
        var h = (int)(unchecked(key * HashMultiplier) >> shift);
        while (table[h] != 0) h = (h + 1) & mask;
        table[h] = (key << 24) | (uint)child;
    }

    private void GrowTable() => Rehash(64 - TableShift + 1);

    /// <summary>The smallest table (power of two, load factor at most 1/2) for the current entries: what the model file stores.</summary>
    internal void Compact()
    {
        var bits = 4;
        while ((1L << bits) < (long)_tableCount * 2) bits++;
        if (bits != 64 - TableShift) Rehash(bits);
    }

    private void Rehash(int bits)
    {
        var table = new ulong[1 << bits];
        var mask = (1 << bits) - 1;
        var shift = 64 - bits;
        foreach (var e in Table)
        {
            if (e == 0) continue;
            Insert(table, mask, shift, (int)(e >> 40), (char)((e >> 24) & 0xFFFF), (int)(e & 0xFFFFFF));
        }
        Table = table;
        TableMask = mask;
        TableShift = shift;
    }

    private void GrowNodes(int capacity)
    {
        Array.Resize(ref Freq, capacity);
        Array.Resize(ref TagIndex, capacity);
    }

    internal byte InternTag(string tag)
    {
        var i = Tags.IndexOf(tag);
        if (i >= 0) return (byte)i;
        if (Tags.Count == 256) throw new InvalidOperationException("More than 255 distinct part-of-speech tags.");
        Tags.Add(tag);
        return (byte)(Tags.Count - 1);
    }

    /// <summary>Every key of the dictionary by node (slow: for tools and checks, not for cutting).</summary>
    internal string[] AllKeys()
    {
        var parent = new int[Count];
        var chars = new char[Count];
        for (var c = 0; c < RootChild.Length; c++)
            if (RootChild[c] != 0) chars[RootChild[c]] = (char)c;
        foreach (var e in Table)
        {
            if (e == 0) continue;
            var child = (int)(e & 0xFFFFFF);
            parent[child] = (int)(e >> 40);
            chars[child] = (char)((e >> 24) & 0xFFFF);
        }
        var keys = new string[Count];
        keys[0] = "";
        var sb = new System.Text.StringBuilder();
        for (var i = 1; i < Count; i++)
        {
            sb.Clear();
            for (var n = i; n > 0; n = parent[n]) sb.Insert(0, chars[n]);
            keys[i] = sb.ToString();
        }
        return keys;
    }
}
