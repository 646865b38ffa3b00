namespace ReportMiner.Language;

/// <summary>
/// Where clauses begin and end inside a sentence, the one home of that rule. Two readings live
/// here side by side, because outputs and the trained model depend on each as it is: the rules'
/// clause (ends at , ; ( : and their full-width forms, and at 、 where a list item ends) and the
/// classifier's wider one (also at a closing bracket), which its features were trained on.
/// </summary>
public static class Clauses
{
    /// <summary>A separator that ends the rules' clause: , ; ( : and their full-width forms.</summary>
    public static bool IsSeparator(char c) => c is ',' or ';' or '(' or ':' or '，' or '；' or '（' or '：';

    /// <summary>A separator that also ends a breakdown and a target cue's reach: ; and ；.</summary>
    public static bool IsStrongSeparator(char c) => c is ';' or '；';

    /// <summary>True when a separator stands in <c>text[from..to)</c>.</summary>
    public static bool Crosses(string text, int from, int to)
    {
        for (int i = from; i < to; i++) if (IsSeparator(text[i])) return true;
        return false;
    }

    /// <summary>Start of the clause holding <paramref name="pos"/>: after the last separator or 、 before it, not before <paramref name="sentenceStart"/>.</summary>
    public static int Start(string text, int pos, int sentenceStart)
    {
        for (int i = pos - 1; i >= sentenceStart; i--)
            if (IsSeparator(text[i]) || text[i] == '、') return i + 1;
        return sentenceStart;
    }

    /// <summary>Like <see cref="Start"/>, but 、 does not end a clause (a list stays one clause).</summary>
    public static int StrictStart(string text, int pos, int sentenceStart)
    {
        for (int i = pos - 1; i >= sentenceStart; i--)
            if (IsSeparator(text[i])) return i + 1;
        return sentenceStart;
    }

    /// <summary>The clause up to <paramref name="pos"/>: from its <see cref="Start"/> to <paramref name="pos"/>.</summary>
    public static ReadOnlySpan<char> Before(string text, int pos, int sentenceStart)
    {
        int s = Start(text, pos, sentenceStart);
        return text.AsSpan(s, pos - s);
    }

    /// <summary>The clause holding <c>[from, to)</c>: back to the last separator (、 too), on to the next one (。, a line break or 、 too).</summary>
    public static ReadOnlySpan<char> Around(string text, int from, int to, int sentenceStart)
    {
        int s = Start(text, from, sentenceStart);
        return text.AsSpan(s, End(text, to) - s);
    }

    /// <summary>From <paramref name="from"/> to the next separator, 。, line break or 、.</summary>
    public static ReadOnlySpan<char> After(string text, int from) => text.AsSpan(from, End(text, from) - from);

    private static int End(string text, int from)
    {
        int e = from;
        while (e < text.Length && !IsSeparator(text[e]) && text[e] is not ('。' or '\n' or '、')) e++;
        return e;
    }

    /// <summary>
    /// True when the clause ends within two characters after <paramref name="pos"/> (spaces not
    /// counted): ",N家," in a list, not ",1家企业入选…", which starts a clause of its own.
    /// </summary>
    public static bool EndsSoonAfter(string text, int pos, int sentenceEnd)
    {
        int n = 0;
        for (int i = pos; i < sentenceEnd; i++)
        {
            if (IsSeparator(text[i]) || text[i] is '、' or '。' or ')' or '\uFF09') return true;   // a closing parenthesis ends a parenthesised figure: "(20家)"
            if (text[i] != ' ' && ++n > 2) return false;
        }
        return true;
    }

    /// <summary>A separator of the classifier's clause: , ; : 、 and brackets, half and full width.</summary>
    public static bool IsFeatureSeparator(char c) => c is ',' or ';' or ':' or '，' or '；' or '：' or '、' or '(' or ')' or '（' or '）';

    /// <summary>Start of the classifier's clause holding <paramref name="pos"/> (see <see cref="IsFeatureSeparator"/>).</summary>
    public static int FeatureStart(string text, int pos, int sentenceStart)
    {
        for (int i = pos - 1; i >= sentenceStart; i--)
            if (IsFeatureSeparator(text[i])) return i + 1;
        return sentenceStart;
    }

    /// <summary>A punctuation mark the classifier records between a trigger and its figure: , ; : 、 ( ) 。 (text is normalised to half width).</summary>
    public static bool IsGapMark(char c) => c is ',' or ';' or ':' or '、' or '(' or ')' or '。';
}
