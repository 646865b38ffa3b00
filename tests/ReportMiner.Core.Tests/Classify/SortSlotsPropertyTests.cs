using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReportMiner.Classify;

namespace ReportMiner.Core.Tests.Classify;

/// <summary>The feature vectors depend on slots coming out sorted: SortSlots must agree with Array.Sort on any bag.</summary>
public class SortSlotsPropertyTests
{
    private static readonly Arbitrary<int[]> Bags =
        Gen.Choose(0, 1500).SelectMany(n => Gen.Choose(0, FeatureSpace.Size - 1).ArrayOf(n)).ToArbitrary();

    [Property(MaxTest = 400)]
    public Property Sorts_like_Array_Sort()
        => Prop.ForAll(Bags, bag =>
        {
            var expected = (int[])bag.Clone();
            Array.Sort(expected);
            var actual = (int[])bag.Clone();
            FeatureSpace.SortSlots(actual);
            return expected.AsSpan().SequenceEqual(actual);
        });

    [Fact]
    public void Sorts_the_edges_of_the_space_and_duplicates()
    {
        int[] bag = [FeatureSpace.Size - 1, 0, 511, 512, 0, FeatureSpace.Size - 1, .. Enumerable.Range(0, 60).Select(i => (i * 7919) % FeatureSpace.Size)];
        var expected = bag.Order().ToArray();
        FeatureSpace.SortSlots(bag);
        Assert.Equal(expected, bag);
    }
}
