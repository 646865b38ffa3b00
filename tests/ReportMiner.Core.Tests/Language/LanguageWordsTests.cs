using System.Text;
using ReportMiner.Config;
using ReportMiner.Pipeline;
using ReportMiner.Structure;

namespace ReportMiner.Core.Tests.Language;

/// <summary>
/// Cue, title, heading and separator words live in pipeline.yaml (issue 13): no Chinese word is left
/// in src/ outside comments, except in the files listed here with the reason they cannot move yet;
/// and a word changed in the YAML changes what the pipeline does.
/// </summary>
public class LanguageWordsTests
{
    /// <summary>Files that still hold Chinese characters in code, and why.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["County/Gazetteer.cs"] = "administrative suffixes (省, 市, 县, 区, 旗) are the grammar of GB/T 2260 names, read with the gazetteer file",
        ["County/GazetteerCountyResolver.cs"] = "administrative suffixes and title/issuer markers used to match the gazetteer",
        ["County/PatternCountyResolver.cs"] = "county-name pattern (…县/区/市) for runs without a gazetteer",
        ["Eval/GoldRaw.cs"] = "reads the gold files' raw strings (units, status words written by annotators): a file format, not a cue",
        ["Extract/GoalLists.cs"] = "list-item and 到N年 regexes (numerals 一…十, 年): list grammar, not words; move with the list-item rule of Language/",
        ["Ingest/Pdf/CjkRadicals.cs"] = "Unicode table: Kangxi/CJK radical code points mapped to unified ideographs",
        ["Ingest/Pdf/PdfTextCleaner.cs"] = "PDF line-join characters (。，；) of the text layer: runs in ingest, before any config is read",
        ["Ingest/Tables/TableUnits.cs"] = "unit labels of table headers (万元, 家, 件 …): follows the unit table of Numbers/",
        ["Language/Headings.cs"] = "heading numbering (一、 (一) 第N章) and title words, static rules shared by ingest and structure; not yet passed as options",
        ["Language/TableCells.cs"] = "numeric-cell and unit-label patterns and the verbs a label line ends with; static, shared by ingest",
        ["Normalise/TextNormalizer.cs"] = "full-width punctuation folding (separator characters): runs before the cue words are applied",
        ["Numbers/ChineseNumber.cs"] = "Chinese numerals and magnitudes (一…九, 十, 百, 千, 万, 亿): number grammar",
        ["Numbers/PeriodFinder.cs"] = "date grammar (年, 月, 季度, 上半年) of the period parser",
        ["Numbers/QuantityScanner.cs"] = "units, bounds and approximation words of the quantity grammar (万元, 余, 近, 以上)",
        ["Structure/ReportHeader.cs"] = "date and issuer label regexes (成文日期, 发布机构, 年月日): header grammar compiled as generated regexes",
        ["Structure/ReportSplitter.cs"] = "篇N boundary regex of compilations (numerals 一…十)",
        ["Structure/StructureText.cs"] = "the 年 after a year in the year regex",
    };

    private static string SourceRoot => TestPaths.Combine("src", "ReportMiner.Core");

    [Fact]
    public void No_Chinese_word_is_left_in_code_outside_the_allowed_files()
    {
        var offenders = new List<string>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(TestPaths.Combine("src"), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(SourceRoot, file).Replace('\\', '/');
            if (rel.Contains("/obj/", StringComparison.Ordinal) || rel.Contains("/bin/", StringComparison.Ordinal) || rel.StartsWith("obj/", StringComparison.Ordinal) || rel.StartsWith("bin/", StringComparison.Ordinal)) continue;
            var code = CodeWithoutComments(File.ReadAllText(file));
            if (!code.Any(IsCjk)) continue;
            found.Add(rel);
            if (!Allowed.ContainsKey(rel)) offenders.Add(rel + ": " + FirstCjkLine(code));
        }
        Assert.True(offenders.Count == 0, "Chinese words in code (move them to pipeline.yaml):\n" + string.Join("\n", offenders));
        // The allow-list shrinks with the code: an entry whose file no longer needs it must go.
        var stale = Allowed.Keys.Where(k => !found.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "allow-list entries no longer needed: " + string.Join(", ", stale));
    }

    [Fact]
    public void Comment_stripper_keeps_strings_and_drops_comments()
    {
        var code = CodeWithoutComments("var a = \"其中\"; // 分别\n/* 包括 */ var b = '将'; var c = @\"x\"\"含\"; var u = \"http://x\"; // 到");
        Assert.Contains("\"其中\"", code);
        Assert.Contains("'将'", code);
        Assert.Contains("含", code);
        Assert.Contains("http://x", code);
        Assert.DoesNotContain("分别", code);
        Assert.DoesNotContain("包括", code);
        Assert.DoesNotContain("到", code);
    }

    [Fact]
    public void A_made_up_first_quarter_word_in_the_yaml_changes_the_report_period()
    {
        const string text = "县科技局2023年开局季工作总结\n一、主要工作\n全年新增高新技术企业5家。\n";
        var shipped = SharedPipeline.Config.Extraction.Cues;
        Assert.Equal("2023", Split(shipped, text).Period);

        var yaml = File.ReadAllText(TestPaths.Combine("pipeline.yaml"));
        const string line = "first_quarter_words: [一季度]";
        Assert.Contains(line, yaml);
        using var temp = new TempFolder("lang-words");
        Directory.CreateDirectory(temp.Path);
        var path = temp.Combine("pipeline.yaml");
        File.WriteAllText(path, yaml.Replace(line, "first_quarter_words: [一季度, 开局季]", StringComparison.Ordinal), new UTF8Encoding(false));
        var loaded = PipelineConfig.Load(path);
        Assert.True(loaded.Config is not null, loaded.Error);
        Assert.Equal("2023-Q1", Split(loaded.Config.Extraction.Cues, text).Period);
    }

    [Fact]
    public void A_made_up_same_year_heading_word_moves_the_plan_year()
    {
        const string text = "县科技局2023年工作总结\n一、工作情况\n全年新增高新技术企业5家。\n二、来岁工作计划\n力争新增高新技术企业8家。\n";
        var shipped = SharedPipeline.Config.Extraction.Cues;
        Assert.Equal("2024", Split(shipped, text).Sections.Single(s => s.Kind == SectionKind.Plan).Period);
        var changed = new ReportMiner.Extract.CueOptions
        {
            PlanHeadings = shipped.PlanHeadings, SummaryHeadings = shipped.SummaryHeadings, ProblemHeadings = shipped.ProblemHeadings,
            PlanTitles = shipped.PlanTitles, NextYearHeadings = shipped.NextYearHeadings, SameYearHeadings = [.. shipped.SameYearHeadings, "来岁"],
        };
        Assert.Equal("2023", Split(changed, text).Sections.Single(s => s.Kind == SectionKind.Plan).Period);
    }

    private static Report Split(ReportMiner.Extract.CueOptions cues, string text)
        => Assert.Single(new ReportSplitter(ReportPipelineBuilder.StructureOptionsFor(cues)).Split(text));

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';

    private static string FirstCjkLine(string code)
        => code.Split('\n').First(l => l.Any(IsCjk)).Trim();

    /// <summary>The code of a C# file with its comments removed and its string and char literals kept.</summary>
    internal static string CodeWithoutComments(string src)
    {
        var sb = new StringBuilder(src.Length);
        int i = 0, n = src.Length;
        while (i < n)
        {
            if (At(src, i, "//")) { int j = src.IndexOf('\n', i); i = j < 0 ? n : j; continue; }
            if (At(src, i, "/*")) { int j = src.IndexOf("*/", i + 2, StringComparison.Ordinal); i = j < 0 ? n : j + 2; continue; }
            int start = i;
            while (i < n && src[i] is '$' or '@') i++;
            bool verbatim = src.AsSpan(start, i - start).Contains('@');
            if (i < n && At(src, i, "\"\"\""))
            {
                int j = src.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                i = j < 0 ? n : j + 3;
                sb.Append(src, start, i - start);
                continue;
            }
            if (i < n && src[i] == '"')
            {
                i++;
                while (i < n)
                {
                    if (verbatim && src[i] == '"' && i + 1 < n && src[i + 1] == '"') { i += 2; continue; }
                    if (!verbatim && src[i] == '\\') { i += 2; continue; }
                    if (src[i] == '"') { i++; break; }
                    i++;
                }
                sb.Append(src, start, i - start);
                continue;
            }
            if (i > start) { sb.Append(src, start, i - start); continue; }
            if (src[i] == '\'')
            {
                int j = i + 1;
                if (j < n && src[j] == '\\') j += 2; else j++;
                while (j < n && src[j] != '\'' && j - i < 10) j++;
                sb.Append(src, i, Math.Min(n, j + 1) - i);
                i = Math.Min(n, j + 1);
                continue;
            }
            sb.Append(src[i]);
            i++;
        }
        return sb.ToString();
    }

    private static bool At(string s, int i, string what) => string.CompareOrdinal(s, i, what, 0, what.Length) == 0;
}
