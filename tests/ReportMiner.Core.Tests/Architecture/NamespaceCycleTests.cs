using ReportMiner.Pipeline;

namespace ReportMiner.Core.Tests.Architecture;

/// <summary>Data flows one way: no namespace of the pipeline uses one that (through others) uses it back.</summary>
public class NamespaceCycleTests
{
    private static readonly Lazy<NamespaceGraph> Core = new(() => new NamespaceGraph(typeof(ReportPipeline).Assembly, "ReportMiner."));

    [Fact]
    public void The_pipeline_assembly_has_no_namespace_cycle()
    {
        var graph = Core.Value;
        Assert.Empty(graph.Unresolved);
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Training_depends_on_the_pipeline_and_never_the_reverse()
    {
        var edges = Core.Value.Edges;
        Assert.Contains("ReportMiner.Pipeline", edges["ReportMiner.Training"].Keys);
        foreach (var (from, targets) in edges)
            Assert.False(targets.ContainsKey("ReportMiner.Training"), $"{from} uses Training: {targets.GetValueOrDefault("ReportMiner.Training")}");
    }

    [Fact]
    public void A_cycle_made_only_in_method_bodies_is_found()
    {
        // Two namespaces that use each other only inside method bodies: the check must see it.
        var graph = new NamespaceGraph(typeof(NamespaceCycleTests).Assembly, "ReportMiner.Core.Tests.Architecture.CycleFixture.");
        var cycle = Assert.Single(graph.Cycles());
        Assert.Contains("CycleFixture.A -> ReportMiner.Core.Tests.Architecture.CycleFixture.B", cycle);
        Assert.Contains("CycleFixture.B -> ReportMiner.Core.Tests.Architecture.CycleFixture.A", cycle);
        Assert.Equal(1, CycleFixture.A.Caller.Call());
    }
}
