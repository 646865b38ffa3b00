using System.Text;

namespace ReportMiner.Ingest;

/// <summary>
/// Cleans a PDF page by page (what <see cref="PdfTextCleaner"/> does) while holding at most
/// <see cref="MaxHeldPages"/> pages of lines, so memory does not grow with the page count; only the
/// output text and its regions do.
/// <para>
/// Pages come in order and their text goes out in blocks of <see cref="StepPages"/> pages:
/// </para>
/// <list type="bullet">
/// <item>an edge line is a running header or footer when its key (digits masked) is on at least
/// <see cref="PdfTextCleaner.RepeatShare"/> of the pages of some run of <see cref="WindowPages"/>
/// consecutive pages that contains its page — so a header that changes where one report of a
/// compilation ends and the next begins is still found on the pages on both sides;</item>
/// <item>the margins, line pitch and paragraph habits that decide re-joining are measured over the
/// <see cref="WindowPages"/> pages around the block (the block in the middle, shifted to stay inside
/// the document).</item>
/// </list>
/// <para>
/// A document of at most <see cref="WindowPages"/> pages is one window, so it is cleaned exactly as
/// a whole (as before streaming).
/// </para>
/// </summary>
public sealed class PdfPageWindow
{
    /// <summary>Pages over which repetition, margins and line pitch are judged.</summary>
    public const int WindowPages = 24;

    /// <summary>Pages given out at a time.</summary>
    public const int StepPages = 8;

    /// <summary>Most pages held at once: a block and a window's reach on each side of it.</summary>
    public const int MaxHeldPages = StepPages + 2 * (WindowPages - 1);

    private readonly int _pageCount;
    private readonly int _windowSize;
    private readonly List<PdfTextCleaner.PreparedPage> _held = [];
    /// <summary>Index (0-based, in arrival order) of the first page in <see cref="_held"/>.</summary>
    private int _heldStart;
    private int _received;
    /// <summary>Index of the first page of the next block to give out.</summary>
    private int _nextBlock;
    private readonly StringBuilder _text = new();
    private readonly List<PdfTextCleaner.Piece> _pieces = [];
    private readonly List<string> _removed = [];
    private PdfTextCleaner.BodyLine? _previous;
    private bool _finished;

    /// <summary>A window over a document of <paramref name="pageCount"/> pages (they must all be added).</summary>
    public PdfPageWindow(int pageCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageCount);
        _pageCount = pageCount;
        _windowSize = Math.Min(WindowPages, pageCount);
    }

    /// <summary>Most pages held at once so far (never more than <see cref="MaxHeldPages"/>).</summary>
    public int MaxPagesHeld { get; private set; }

    /// <summary>Pages whose text is final (given out into the text).</summary>
    public int PagesDone => _nextBlock;

    /// <summary>Adds the next page; cleans and gives out every block whose pages are all in.</summary>
    public void Add(PdfPageLines page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (_finished || _received >= _pageCount) throw new InvalidOperationException($"the window was made for {_pageCount} pages");
        _held.Add(new PdfTextCleaner.PreparedPage(page));
        _received++;
        MaxPagesHeld = Math.Max(MaxPagesHeld, _held.Count);
        while (_nextBlock < _pageCount && Needs(_nextBlock).End <= _received) EmitBlock();
    }

    /// <summary>The cleaned text of all pages, with page regions and the removed lines.</summary>
    public PdfCleanResult Finish()
    {
        if (_received != _pageCount) throw new InvalidOperationException($"{_received} of {_pageCount} pages were added");
        while (_nextBlock < _pageCount) EmitBlock();
        _finished = true;
        _held.Clear();
        return PdfTextCleaner.Result(_text, _pieces, _removed);
    }

    private int BlockEnd(int block) => Math.Min(_pageCount, block + StepPages);

    /// <summary>The window [Start, End) of page indices whose layout the block starting at <paramref name="block"/> follows.</summary>
    private (int Start, int End) LayoutWindow(int block)
    {
        int start = Math.Clamp(block - (WindowPages - StepPages) / 2, 0, _pageCount - _windowSize);
        return (start, start + _windowSize);
    }

    /// <summary>The pages [Start, End) the block needs: its layout window and every window that contains one of its pages.</summary>
    private (int Start, int End) Needs(int block)
    {
        var (start, end) = LayoutWindow(block);
        return (Math.Min(start, Math.Max(0, block - (_windowSize - 1))), Math.Max(end, Math.Min(_pageCount, BlockEnd(block) + _windowSize - 1)));
    }

    private void EmitBlock()
    {
        int blockEnd = BlockEnd(_nextBlock);
        var (layoutStart, layoutEnd) = LayoutWindow(_nextBlock);
        var (needStart, needEnd) = Needs(_nextBlock);
        int offset = needStart - _heldStart;   // index in _held of page index needStart
        var held = _held.GetRange(offset, needEnd - needStart);
        var running = Running(held);
        var view = held.GetRange(layoutStart - needStart, layoutEnd - layoutStart);
        var viewRunning = running.GetRange(layoutStart - needStart, layoutEnd - layoutStart);
        var lines = PdfTextCleaner.BodyLines(view, viewRunning, _nextBlock - layoutStart, blockEnd - layoutStart, _removed, out int first, out int last);
        var (layout, kinds, blankHabit) = PdfTextCleaner.Decisions(lines);
        for (int i = first; i < last; i++)
        {
            // Within the block the window's own decision; the block's first line follows the line given out last.
            var kind = i > first ? kinds[i] : _previous is { } before ? PdfTextCleaner.Decide(before, lines[i], layout) : default;
            PdfTextCleaner.Append(_text, _pieces, _previous, lines[i], kind, blankHabit);
            _previous = lines[i];
        }
        _nextBlock = blockEnd;
        // Drop the pages no later block needs (what blocks need only moves forward).
        int keepFrom = _nextBlock < _pageCount ? Needs(_nextBlock).Start : _pageCount;
        if (keepFrom > _heldStart)
        {
            _held.RemoveRange(0, Math.Min(_held.Count, keepFrom - _heldStart));
            _heldStart = keepFrom;
        }
    }

    /// <summary>
    /// Per page of <paramref name="pages"/> and line: an edge line whose key is on at least the repeat
    /// share of the pages of some window of <see cref="WindowPages"/> pages (within
    /// <paramref name="pages"/>) that contains its page.
    /// </summary>
    private List<bool[]> Running(List<PdfTextCleaner.PreparedPage> pages)
    {
        int size = Math.Min(_windowSize, pages.Count);
        int needed = Math.Max(2, (int)Math.Ceiling(PdfTextCleaner.RepeatShare * size));
        // The pages each key is on, in order.
        var on = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int p = 0; p < pages.Count; p++)
            foreach (var key in pages[p].DistinctKeys)
            {
                if (!on.TryGetValue(key, out var list)) on[key] = list = [];
                list.Add(p);
            }
        var result = new List<bool[]>(pages.Count);
        for (int p = 0; p < pages.Count; p++)
        {
            var page = pages[p];
            var flags = new bool[page.Lines.Count];
            for (int i = 0; i < flags.Length; i++)
                flags[i] = size >= 2 && page.EdgeKeys[i] is { } key && InSomeWindow(on[key], p, size, pages.Count, needed);
            result.Add(flags);
        }
        return result;
    }

    /// <summary>True when some window [a, a + size) with a ≤ p &lt; a + size inside [0, count) holds at least <paramref name="needed"/> of <paramref name="positions"/>.</summary>
    private static bool InSomeWindow(List<int> positions, int p, int size, int count, int needed)
    {
        if (positions.Count < needed) return false;
        for (int a = Math.Max(0, p - size + 1); a <= Math.Min(p, count - size); a++)
        {
            int lo = LowerBound(positions, a), hi = LowerBound(positions, a + size);
            if (hi - lo >= needed) return true;
        }
        return false;
    }

    private static int LowerBound(List<int> sorted, int value)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
