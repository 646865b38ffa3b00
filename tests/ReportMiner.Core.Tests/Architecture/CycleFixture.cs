// Two namespaces that use each other only inside method bodies, for NamespaceCycleTests.
namespace ReportMiner.Core.Tests.Architecture.CycleFixture.A
{
    public static class Caller
    {
        public static readonly object Marker = 1;

        public static int Call() => B.Callee.Value();
    }
}

namespace ReportMiner.Core.Tests.Architecture.CycleFixture.B
{
    public static class Callee
    {
        public static int Value() => (int)A.Caller.Marker;
    }
}
