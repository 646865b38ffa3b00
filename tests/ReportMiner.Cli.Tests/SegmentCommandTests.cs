using System.Text;
using System.Text.Json;
using ReportMiner.Cli;

namespace ReportMiner.Cli.Tests;

public class SegmentCommandTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Config = Path.Combine(Root, "pipeline.yaml");
    private const string ExpectedDir = "tests/ReportMiner.Segmentation.Tests/Parity/expected/corpus";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportMiner.sln"))) return dir.FullName;
        throw new InvalidOperationException("ReportMiner.sln not found");
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static List<string> OutputLines(string output)
    {
        var lines = output.Split('\n').ToList();
        Assert.Equal("", lines[^1]); // every line ends with \n
        lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    [Theory]
    [InlineData("accurate")]
    [InlineData("nohmm", "--no-hmm")]
    [InlineData("search", "--search")]
    [InlineData("searchnohmm", "--search", "--no-hmm")]
    public async Task Json_output_parses_equal_to_python_jieba(string mode, params string[] flags)
    {
        const string name = "001_87709b1c34e14cd9";
        var (code, output, err) = await Run(["segment", "--dict", "default", "--format", "json", "--config", Config, .. flags, Path.Combine(Root, "corpus", name + ".txt")]);
        Assert.True(code == 0, err);
        var expected = File.ReadAllText(Path.Combine(Root, ExpectedDir, $"{name}.{mode}.jsonl")).Split('\n')[..^1];
        var got = OutputLines(output);
        Assert.Equal(expected.Length, got.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(JsonSerializer.Deserialize<string[]>(expected[i])!.SequenceEqual(JsonSerializer.Deserialize<string[]>(got[i])!), $"line {i + 1}: {got[i]}");
    }

    [Fact]
    public async Task Text_output_is_tokens_joined_by_one_space()
    {
        const string name = "000_971f75f910563c26";
        var (code, output, err) = await Run("segment", "--dict", "default", "--config", Config, Path.Combine(Root, "corpus", name + ".txt"));
        Assert.True(code == 0, err);
        var expected = File.ReadAllText(Path.Combine(Root, ExpectedDir, $"{name}.accurate.jsonl")).Split('\n')[..^1]
            .Select(l => string.Join(' ', JsonSerializer.Deserialize<string[]>(l)!)).ToList();
        Assert.Equal(expected, OutputLines(output));
    }

    [Fact]
    public async Task Line_rules_match_jieba_ref()
    {
        var file = Path.GetTempFileName();
        try
        {
            // BOM, CRLF, an empty line, a lone \r inside a line, \x85 and \u2028 (not line breaks), final newline
            File.WriteAllBytes(file, Encoding.UTF8.GetBytes("\uFEFF研发投入\r\n\r\n专利\r申请\x85授权\u2028技术 合同\n"));
            var (code, output, err) = await Run("segment", "--dict", "default", "--format", "json", "--config", Config, file);
            Assert.True(code == 0, err);
            var lines = OutputLines(output).Select(l => JsonSerializer.Deserialize<string[]>(l)!).ToList();
            Assert.Equal(3, lines.Count);
            Assert.Equal(["研发", "投入"], lines[0]);
            Assert.Empty(lines[1]);
            Assert.Equal(["专利", "\r", "申请", "\x85", "授权", "\u2028", "技术", " ", "合同"], lines[2]);

            (code, output, _) = await Run("segment", "--dict", "default", "--drop-space", "--config", Config, file);
            Assert.Equal(0, code);
            Assert.Equal(["研发 投入", "", "专利 申请 授权 技术 合同"], OutputLines(output));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Pipeline_dictionary_is_loaded_by_default_and_not_with_dict_default()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "全县科技特派员深入企业，技术合同成交额增长，研发投入强度提高\n");
            var (code, withUser, err) = await Run("segment", "--config", Config, file);
            Assert.True(code == 0, err);
            Assert.Contains("科技特派员", withUser.Split(' ', '\n'));
            Assert.Contains("技术合同成交额", withUser.Split(' ', '\n'));
            Assert.Contains("研发投入强度", withUser.Split(' ', '\n'));
            var (_, plain, _) = await Run("segment", "--dict", "default", "--config", Config, file);
            Assert.DoesNotContain("技术合同成交额", plain.Split(' ', '\n'));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Errors_name_the_file_and_use_the_documented_exit_codes()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".txt");
        var (code, _, err) = await Run("segment", "--config", Config, missing);
        Assert.Equal(CliApp.ExitUsage, code);
        Assert.Contains(missing, err);

        (code, _, err) = await Run("segment", "--format", "xml", "--config", Config, Path.Combine(Root, "corpus", "000_971f75f910563c26.txt"));
        Assert.Equal(CliApp.ExitUsage, code);
        Assert.Contains("xml", err);

        (code, _, err) = await Run("segment", "--config", missing, Path.Combine(Root, "corpus", "000_971f75f910563c26.txt"));
        Assert.Equal(CliApp.ExitUsage, code);
        Assert.Contains(missing, err);

        var bad = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(bad, [0xB2, 0xE2, 0xCA, 0xD4, (byte)'\n']);
            (code, _, err) = await Run("segment", "--config", Config, bad);
            Assert.Equal(CliApp.ExitSomeFailed, code);
            Assert.Contains(bad, err);
            Assert.Contains("UTF-8", err);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task Model_folder_comes_from_the_config()
    {
        var dir = Directory.CreateTempSubdirectory("rm-seg-config-").FullName;
        try
        {
            var yaml = Path.Combine(dir, "pipeline.yaml");
            File.WriteAllText(yaml, "segmenter:\n  model: no-model-here\n");
            var (code, _, err) = await Run("segment", "--config", yaml, Path.Combine(Root, "corpus", "000_971f75f910563c26.txt"));
            Assert.Equal(CliApp.ExitSomeFailed, code);
            Assert.Contains(Path.Combine(dir, "no-model-here"), err);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
