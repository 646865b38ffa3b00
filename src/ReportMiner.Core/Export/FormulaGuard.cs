namespace ReportMiner.Export;

/// <summary>
/// CSV injection (OWASP): a spreadsheet evaluates a cell that starts with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return as a formula, and text from a report (a
/// sentence, a file name) must never run as one. OWASP's remedy: prefix such a text cell with
/// a single quote. Numbers are written as numbers and are not touched (−5 stays −5).
/// </summary>
public static class FormulaGuard
{
    /// <summary>True when a spreadsheet would take <paramref name="text"/> for a formula.</summary>
    public static bool StartsFormula(string text)
        => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The text as a CSV cell may hold it: with a leading <c>'</c> when it would start a formula.</summary>
    public static string ForCsv(string text) => StartsFormula(text) ? "'" + text : text;
}
