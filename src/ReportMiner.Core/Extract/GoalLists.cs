using System.Globalization;
using System.Text.RegularExpressions;
using ReportMiner.Config;
using ReportMiner.Language;
using ReportMiner.Structure;

namespace ReportMiner.Extract;

/// <summary>
/// Status from the scope a figure stands in, beyond a cue next to it: a list introduced once by
/// a goal ("主要目标是:", "今年要实现以下目标:一是…;二是…") makes everything it governs a target,
/// item after item, across semicolons and lines; and a figure set "到2025年" where that year
/// lies after the report's is a target too. Words from <c>extraction.goal_lists</c>.
/// </summary>
public sealed partial class GoalLists
{
    private readonly GoalListOptions _options;

    public GoalLists(GoalListOptions options) => _options = options;

    [GeneratedRegex(@"到\s*(20\d\d)\s*年")]
    private static partial Regex ByYear();

    /// <summary>A list item: a marker at the start of the line (——, ●, ▶, 1. , (一), 一是 …).</summary>
    [GeneratedRegex(@"^\s*(?:[—\-–•●◆■▶►▪·★☆]|\d{1,2}\s*[.、)）]|[(（]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}是|[①②③④⑤⑥⑦⑧⑨⑩])")]
    private static partial Regex ItemMarker();

    /// <summary>Whether the figure at <paramref name="pos"/> is governed by a goal list or set for a year after the report's.</summary>
    /// <param name="text">Normalised text.</param>
    /// <param name="report">The report holding the figure.</param>
    /// <param name="sStart">Start of the figure's sentence.</param>
    /// <param name="pos">Where the figure's number starts.</param>
    public bool IsTarget(string text, Report report, int sStart, int pos)
        => InGoalList(text, report.Start, sStart, pos) || ForLaterYear(text, report, sStart, pos);

    /// <summary>"到2025年…N" in a report about an earlier year.</summary>
    private static bool ForLaterYear(string text, Report report, int sStart, int pos)
    {
        int? reference = report.Year;
        if (reference is null && report.Published is { Length: >= 4 } published && int.TryParse(published.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int p)) reference = p;
        if (reference is not int year) return false;
        foreach (var m in ByYear().EnumerateMatches(text.AsSpan(sStart, pos - sStart)))
        {
            int y = int.Parse(text.AsSpan(sStart + m.Index, m.Length).Trim("到年 ".AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture);
            if (y > year) return true;
        }
        return false;
    }

    private bool InGoalList(string text, int reportStart, int sStart, int pos)
    {
        if (_options.Intro.Count == 0) return false;
        // The same sentence: an introduction ending with a colon before the figure.
        for (int i = pos - 1; i >= sStart; i--)
            if (text[i] is ':' or '：' && IsIntro(text.AsSpan(ClauseStart(text, i, sStart), i - ClauseStart(text, i, sStart)))) return true;
        // Lines above: list items (or lines ending with ;) back to a line that introduces goals.
        int lineStart = sStart;
        while (lineStart > reportStart && text[lineStart - 1] != '\n') lineStart--;
        int end = lineStart - 1;
        for (int steps = 0; steps < _options.MaxLines && end > reportStart; steps++)
        {
            int start = text.LastIndexOf('\n', end - 1, end - reportStart) + 1;
            if (start < reportStart) start = reportStart;
            var line = text.AsSpan(start, end - start).Trim();
            if (line.IsEmpty) return false;
            if (line[^1] is ':' or '：') return IsIntro(line);
            bool item = ItemMarker().IsMatch(line) || line[^1] is ';' or '；';
            if (!item || (Headings.IsHeading(line) && line.IndexOfAnyInRange('0', '9') < 0)) return false;
            end = start - 1;
        }
        return false;
    }

    private static int ClauseStart(string text, int pos, int sStart)
    {
        for (int i = pos - 1; i >= sStart; i--)
            if (text[i] is '。' or ';' or '；' or '\n') return i + 1;
        return sStart;
    }

    private bool IsIntro(ReadOnlySpan<char> intro)
    {
        foreach (var b in _options.IntroBlockers) if (intro.Contains(b, StringComparison.Ordinal)) return false;
        foreach (var w in _options.Intro) if (intro.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }
}
