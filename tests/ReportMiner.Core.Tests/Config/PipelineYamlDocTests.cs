using System.Reflection;
using System.Text.RegularExpressions;
using ReportMiner.Config;

namespace ReportMiner.Core.Tests.Config;

/// <summary>docs/pipeline-yaml.md documents every key the configuration model reads.</summary>
public sealed partial class PipelineYamlDocTests
{
    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();

    private static string Snake(string name) => WordStart().Replace(name, "_$1").ToLowerInvariant();

    /// <summary>Every YAML key of the model, as <c>section.key</c> paths.</summary>
    private static IEnumerable<(string Section, string Key)> Keys(Type type, string section)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<YamlDotNet.Serialization.YamlIgnoreAttribute>() is not null || !p.CanWrite) continue;
            var key = Snake(p.Name);
            yield return (section, key);
            var t = p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(List<>) ? p.PropertyType.GetGenericArguments()[0] : p.PropertyType;
            if (t.IsClass && t != typeof(string) && !t.IsGenericType)
                foreach (var inner in Keys(t, section.Length == 0 ? key : section + "." + key)) yield return inner;
        }
    }

    [Fact]
    public void Every_key_is_documented_with_its_section()
    {
        var doc = File.ReadAllText(TestPaths.Combine("docs", "pipeline-yaml.md"));
        var keys = Keys(typeof(PipelineConfig), "").ToList();
        Assert.Contains(keys, k => k == ("county", "gazetteer"));
        Assert.Contains(keys, k => k == ("extraction.indicators", "allow_bare"));
        foreach (var (section, key) in keys)
        {
            if (section.Length == 0) Assert.Contains($"`{key}`", doc);
            else Assert.True(doc.Contains($"| `{key}` |", StringComparison.Ordinal), $"docs/pipeline-yaml.md does not document {section}.{key}");
        }
    }

    /// <summary>A config with one bad value is refused, and the error names the value or its key.</summary>
    [Theory]
    [InlineData("output:\n  tables: [csv, parquet]\n", "parquet")]
    [InlineData("extraction:\n  continuation_patterns: ['(?:19|20']\n", "extraction.continuation_patterns")]
    public void A_bad_value_is_rejected_naming_it(string yaml, string named)
    {
        using var dir = new TempFolder("rm-cfg");
        Directory.CreateDirectory(dir.Path);
        var path = dir.Combine("pipeline.yaml");
        File.WriteAllText(path, yaml);
        var loaded = PipelineConfig.Load(path);
        Assert.Null(loaded.Config);
        Assert.Contains(named, loaded.Error);
    }
}
