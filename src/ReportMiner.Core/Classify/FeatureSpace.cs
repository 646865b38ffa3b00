using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.ML.Data;

namespace ReportMiner.Classify;

/// <summary>
/// The hashed feature space: each token goes to slot FNV-1a(bag tag + token) mod 2^18, so no
/// vocabulary is stored and featurising costs one pass over the tokens. Deterministic across
/// processes (unlike <see cref="string.GetHashCode()"/>).
/// </summary>
public static class FeatureSpace
{
    public const int Bits = 18;
    public const int Size = 1 << Bits;

    /// <summary>A row with the vector of <paramref name="symbols"/> and <paramref name="context"/>.</summary>
    public static FeatureRow Row(string symbols, string context) => new() { Symbols = symbols, Context = context, Features = Vectorize(symbols, context, 'S', 'C') };

    /// <summary>
    /// Symbols (space-separated) as 0/1 slots and context tokens as L2-normalised counts, each
    /// bag hashed with its own tag.
    /// </summary>
    public static VBuffer<float> Vectorize(string symbols, string context, char symbolTag, char contextTag)
        => FromSlots(SortedSlots(symbols, symbolTag), SortedSlots(context, contextTag));

    /// <summary>The vector of sorted symbol slots (0/1) and sorted context slots (L2-normalised counts).</summary>
    public static VBuffer<float> FromSlots(List<int> sym, List<int> ctx)
    {
        // Work arrays are this thread's, reused; only the vector's own arrays are allocated (in Merge).
        var w = t_work ??= new Work();
        var symIdx = Work.Ints(ref w.SymIdx, sym.Count);
        var ones = Work.Floats(ref w.Ones, sym.Count);
        var ctxIdx = Work.Ints(ref w.CtxIdx, ctx.Count);
        var ctxVal = Work.Floats(ref w.CtxVal, ctx.Count);
        // Symbols: 0/1 per distinct slot.
        int ns = 0;
        foreach (var slot in CollectionsMarshal.AsSpan(sym)) if (ns == 0 || symIdx[ns - 1] != slot) symIdx[ns++] = slot;
        ones.AsSpan(0, ns).Fill(1f);
        // Context: counts per slot, L2-normalised.
        int nc = 0;
        foreach (var slot in CollectionsMarshal.AsSpan(ctx))
        {
            if (nc > 0 && ctxIdx[nc - 1] == slot) ctxVal[nc - 1]++;
            else { ctxIdx[nc] = slot; ctxVal[nc++] = 1; }
        }
        double norm = 0;
        for (int k = 0; k < nc; k++) norm += (double)ctxVal[k] * ctxVal[k];
        norm = Math.Sqrt(norm);
        for (int k = 0; k < nc; k++) ctxVal[k] = (float)(ctxVal[k] / norm);
        return Merge(symIdx.AsSpan(0, ns), ones.AsSpan(0, ns), ctxIdx.AsSpan(0, nc), ctxVal.AsSpan(0, nc));
    }

    [ThreadStatic] private static Work? t_work;

    /// <summary>A thread's work arrays for <see cref="FromSlots"/>, grown as needed.</summary>
    private sealed class Work
    {
        public int[] SymIdx = new int[256], CtxIdx = new int[256];
        public float[] Ones = new float[256], CtxVal = new float[256];

        public static int[] Ints(ref int[] a, int n) => a.Length >= n ? a : a = new int[Math.Max(n, 2 * a.Length)];
        public static float[] Floats(ref float[] a, int n) => a.Length >= n ? a : a = new float[Math.Max(n, 2 * a.Length)];
    }

    /// <summary>
    /// Sorts slots (each below <see cref="Size"/>) ascending: a two-pass radix sort, about four
    /// times faster than <see cref="Array.Sort{T}(T[])"/> on the ~100 slots of a bag (a row
    /// sorts four bags); insertion sort for short bags. Any correct sort gives the same vector.
    /// </summary>
    public static void SortSlots(Span<int> slots)
    {
        if (slots.Length <= 32)
        {
            for (int i = 1; i < slots.Length; i++)
            {
                int v = slots[i], j = i - 1;
                for (; j >= 0 && slots[j] > v; j--) slots[j + 1] = slots[j];
                slots[j + 1] = v;
            }
            return;
        }
        const int RadixBits = (Bits + 1) / 2, Buckets = 1 << RadixBits, Mask = Buckets - 1;
        int[]? rented = slots.Length > 1024 ? ArrayPool<int>.Shared.Rent(slots.Length) : null;
        Span<int> tmp = rented is null ? stackalloc int[slots.Length] : rented.AsSpan(0, slots.Length);
        Span<int> low = stackalloc int[Buckets + 1];
        Span<int> high = stackalloc int[Buckets + 1];
        low.Clear();
        high.Clear();
        foreach (var v in slots)
        {
            low[(v & Mask) + 1]++;
            high[(v >> RadixBits) + 1]++;
        }
        for (int b = 1; b <= Buckets; b++)
        {
            low[b] += low[b - 1];
            high[b] += high[b - 1];
        }
        foreach (var v in slots) tmp[low[v & Mask]++] = v;
        foreach (var v in tmp) slots[high[v >> RadixBits]++] = v;
        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
    }

    /// <summary>The sum of two vectors of this space.</summary>
    public static VBuffer<float> Add(in VBuffer<float> a, in VBuffer<float> b)
        => Merge(a.GetIndices(), a.GetValues(), b.GetIndices(), b.GetValues());

    /// <summary>Merges two sparse vectors with sorted, distinct indices, summing shared slots.</summary>
    private static VBuffer<float> Merge(ReadOnlySpan<int> ai, ReadOnlySpan<float> av, ReadOnlySpan<int> bi, ReadOnlySpan<float> bv)
    {
        var indices = new int[ai.Length + bi.Length];
        var values = new float[indices.Length];
        int i = 0, j = 0, n = 0;
        while (i < ai.Length || j < bi.Length)
        {
            if (j >= bi.Length || (i < ai.Length && ai[i] < bi[j])) { indices[n] = ai[i]; values[n++] = av[i++]; }
            else if (i >= ai.Length || bi[j] < ai[i]) { indices[n] = bi[j]; values[n++] = bv[j++]; }
            else { indices[n] = ai[i]; values[n++] = av[i++] + bv[j++]; }
        }
        return new VBuffer<float>(Size, n, values, indices);
    }

    /// <summary>The slots of the space-separated tokens, sorted (one pass: each token is hashed as it is read).</summary>
    private static List<int> SortedSlots(string tokens, char tag)
    {
        var slots = new List<int>(tokens.Length / 3 + 1);
        const uint basis = 2166136261, prime = 16777619;
        uint start = unchecked((basis ^ tag) * prime);
        uint h = start;
        bool any = false;
        foreach (char ch in tokens)
        {
            if (ch == ' ')
            {
                if (any) slots.Add((int)(h & (Size - 1)));
                h = start;
                any = false;
            }
            else
            {
                h = unchecked((h ^ ch) * prime);
                any = true;
            }
        }
        if (any) slots.Add((int)(h & (Size - 1)));
        FeatureSpace.SortSlots(CollectionsMarshal.AsSpan(slots));
        return slots;
    }

    private static int Slot(char tag, ReadOnlySpan<char> token)
    {
        uint h = 2166136261;
        h = unchecked((h ^ tag) * 16777619);
        foreach (char ch in token) h = unchecked((h ^ ch) * 16777619);
        return (int)(h & (Size - 1));
    }
}
