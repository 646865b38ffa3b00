using Xunit.Abstractions;
using Xunit.Sdk;

namespace ReportMiner.Testing;

/// <summary>
/// Marks a test class whose tests are long (whole batches, LibreOffice, Tesseract, Chromium, training): the
/// classes of an assembly run side by side on a thread per core, and one started last would leave the other
/// cores idle while it finishes, so these start first (<see cref="LongCollectionsFirst"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class StartsEarlyAttribute : Attribute;

/// <summary>Orders the test collections (one per class) with the classes marked <see cref="StartsEarlyAttribute"/> first, otherwise as found.</summary>
public sealed class LongCollectionsFirst : ITestCollectionOrderer
{
    private const string Prefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
        => testCollections.OrderBy(c => StartsEarly(c) ? 0 : 1).ToList();

    private static bool StartsEarly(ITestCollection collection)
    {
        if (!collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var type = collection.TestAssembly.Assembly.GetType(collection.DisplayName[Prefix.Length..]);
        return type is not null && type.GetCustomAttributes(typeof(StartsEarlyAttribute).AssemblyQualifiedName).Any();
    }
}
