using System.Globalization;
using System.Text;

namespace ReportMiner.Segmentation;

/// <summary>
/// Loads the converted jieba model and applies user words with jieba 0.42.1's semantics
/// (<c>add_word</c>, <c>load_userdict</c>, <c>suggest_freq</c>). Not thread-safe; the
/// <see cref="JiebaSegmenter"/> it builds is immutable, and later changes to the builder do
/// not affect segmenters already built.
/// </summary>
public sealed class JiebaSegmenterBuilder
{
    private PrefixDict _dict;
    private bool _dictShared;
    private readonly HmmModel _hmm;
    private HashSet<string> _forceSplit = new(StringComparer.Ordinal);
    private bool _forceSplitShared;

    private JiebaSegmenterBuilder(PrefixDict dict, HmmModel hmm)
    {
        _dict = dict;
        _hmm = hmm;
    }

    /// <summary>
    /// Loads <c>dict.bin</c> and <c>hmm.bin</c> from <paramref name="modelDirectory"/>
    /// (made from jieba's dict.txt and finalseg tables, see models/jieba/README.md).
    /// </summary>
    /// <exception cref="FileNotFoundException">A model file is missing.</exception>
    /// <exception cref="InvalidDataException">A model file is corrupt.</exception>
    public static JiebaSegmenterBuilder FromModel(string modelDirectory)
    {
        ArgumentNullException.ThrowIfNull(modelDirectory);
        var dictPath = Path.Combine(modelDirectory, ModelFormat.DictFileName);
        var hmmPath = Path.Combine(modelDirectory, ModelFormat.HmmFileName);
        foreach (var p in new[] { dictPath, hmmPath })
            if (!File.Exists(p)) throw new FileNotFoundException($"jieba model file not found: {p}", p);
        return new JiebaSegmenterBuilder(ModelFormat.ReadDict(dictPath), ModelFormat.ReadHmm(hmmPath));
    }

    internal static JiebaSegmenterBuilder FromParts(PrefixDict dict, HmmModel hmm) => new(dict, hmm);

    /// <summary>
    /// jieba's <c>add_word(word, freq, tag)</c>: FREQ[word] = freq, total += freq, missing
    /// prefixes get frequency 0. A null <paramref name="freq"/> takes
    /// <c>suggest_freq(word, False)</c> (the frequency that makes the accurate cut keep the
    /// word whole); a frequency of 0 also makes HMM split the word (jieba's force-split set).
    /// </summary>
    public JiebaSegmenterBuilder AddWord(string word, int? freq = null, string? tag = null) => AddWordCore(word, freq, tag);

    private JiebaSegmenterBuilder AddWordCore(string word, long? freq, string? tag)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0) throw new ArgumentException("The word must not be empty.", nameof(word));
        if (freq < 0) throw new ArgumentOutOfRangeException(nameof(freq), "A frequency must not be negative.");
        var f = freq ?? SuggestFreq(word);
        MutableDict().Add(word, f, tag);
        if (f == 0)
        {
            if (_forceSplitShared)
            {
                _forceSplit = new HashSet<string>(_forceSplit, StringComparer.Ordinal);
                _forceSplitShared = false;
            }
            _forceSplit.Add(word);
        }
        return this;
    }

    /// <summary>
    /// jieba's <c>suggest_freq(word, tune=False)</c> against the current dictionary:
    /// max(int(Π FREQ.get(seg, 1)/total · total) + 1, FREQ.get(word, 1)) over the HMM-free cut of the word.
    /// </summary>
    public long SuggestFreq(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var dict = _dict;
        var ftotal = (double)dict.Total;
        var tokens = new List<Token>();
        var engine = new CutEngine<LiveScorer>(word, dict, new LiveScorer(dict.Freq, Math.Log(dict.Total)), Math.Log(dict.Total),
            null, _forceSplit, false, tokens);
        engine.Run();
        var freq = 1.0;
        foreach (var t in tokens) freq *= GetOr1(dict, word.AsSpan(t.Start, t.Length)) / ftotal;
        var suggested = checked((long)(freq * dict.Total) + 1);
        return Math.Max(suggested, word.Length == 0 ? 1 : GetOr1(dict, word));
    }

    private static long GetOr1(PrefixDict dict, ReadOnlySpan<char> s)
    {
        var n = dict.Find(s);
        return n > 0 ? dict.Freq[n] : 1;
    }

    /// <summary>
    /// jieba's <c>load_userdict(path)</c>: UTF-8 lines "word [freq] [tag]" (split on \n only,
    /// ASCII whitespace stripped at both ends, BOMs stripped at the start, empty lines skipped;
    /// a word may contain spaces: the freq is the last " digits" before an optional
    /// " lowercase-tag" at the end).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not UTF-8.</exception>
    public JiebaSegmenterBuilder LoadUserDictionary(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"user dictionary not found: {path}", path);
        return LoadUserDictionary(File.ReadAllBytes(path), path);
    }

    /// <summary><see cref="LoadUserDictionary(string)"/> from bytes already read; <paramref name="name"/> is used in error messages.</summary>
    public JiebaSegmenterBuilder LoadUserDictionary(ReadOnlySpan<byte> content, string name)
    {
        var strictUtf8 = new UTF8Encoding(false, true);
        var lineNo = 0;
        while (!content.IsEmpty)
        {
            lineNo++;
            var nl = content.IndexOf((byte)'\n');
            var raw = nl < 0 ? content : content[..(nl + 1)];
            content = nl < 0 ? [] : content[(nl + 1)..];
            // bytes.strip(): ASCII whitespace b' \t\n\r\x0b\x0c'
            var bytes = raw.Trim(" \t\n\r\v\f"u8);
            string line;
            try
            {
                line = strictUtf8.GetString(bytes).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                throw new InvalidDataException($"dictionary file {name} must be utf-8 (line {lineNo})");
            }
            if (line.Length == 0) continue;
            var (word, freq, tag) = ParseUserDictLine(line);
            long? f = null;
            if (freq is not null)
            {
                if (!long.TryParse(freq, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                    throw new InvalidDataException($"{name}:{lineNo}: frequency {freq} is too large");
                f = v;
            }
            AddWordCore(word, f, tag);
        }
        return this;
    }

    /// <summary>
    /// <c>re.compile('^(.+?)( [0-9]+)?( [a-z]+)?$')</c> on a stripped line: the shortest
    /// non-empty word whose remainder is (" " digits)? (" " a-z letters)?.
    /// </summary>
    internal static (string Word, string? Freq, string? Tag) ParseUserDictLine(string line)
    {
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] != ' ') continue;
            var rest = line.AsSpan(i);
            var p = 1;
            while (p < rest.Length && unchecked((uint)(rest[p] - '0')) <= 9) p++;
            string? freq = null;
            var afterFreq = 0;
            if (p > 1)
            {
                freq = rest[1..p].ToString();
                afterFreq = p;
            }
            var tail = rest[afterFreq..];
            if (tail.IsEmpty) return (line[..i], freq, null);
            if (tail[0] != ' ' || tail.Length < 2) continue;
            var q = 1;
            while (q < tail.Length && unchecked((uint)(tail[q] - 'a')) <= 'z' - 'a') q++;
            if (q == tail.Length && q > 1) return (line[..i], freq, tail[1..].ToString());
        }
        return (line, null, null);
    }

    /// <summary>Returns an immutable segmenter over the dictionary as it is now.</summary>
    public JiebaSegmenter Build()
    {
        _dictShared = true;
        _forceSplitShared = true;
        return new JiebaSegmenter(_dict, _hmm, _forceSplit);
    }

    private PrefixDict MutableDict()
    {
        if (_dictShared)
        {
            _dict = _dict.Clone();
            _dictShared = false;
        }
        return _dict;
    }
}
