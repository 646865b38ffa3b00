using System.Runtime.InteropServices;

namespace ReportMiner.Isolation;

/// <summary>
/// OS limits a worker puts on itself when it starts (Linux; elsewhere nothing is set): no core
/// files, and an address-space limit (RLIMIT_AS) of what the process has mapped now plus a
/// budget, so native allocations beyond the managed heap limit fail too. The managed heap is
/// bounded separately by the runtime (<c>DOTNET_GCHeapHardLimit</c>, set by the supervisor).
/// </summary>
internal static class ResourceLimits
{
    private const int RlimitCore = 4;
    private const int RlimitAs = 9;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, ref RLimit limit);

    /// <summary>Applies the limits; returns null when they are set, else why not.</summary>
    public static string? Apply(long addressSpaceBudgetBytes)
    {
        if (!OperatingSystem.IsLinux()) return "resource limits are only set on Linux";
        var core = new RLimit { Current = 0, Maximum = 0 };
        if (SetRLimit(RlimitCore, ref core) != 0) return $"setrlimit(RLIMIT_CORE) failed: errno {Marshal.GetLastPInvokeError()}";
        if (addressSpaceBudgetBytes <= 0) return null;
        long mapped = MappedBytes();
        if (mapped <= 0) return "cannot read /proc/self/status";
        var limit = new RLimit { Current = (ulong)(mapped + addressSpaceBudgetBytes), Maximum = (ulong)(mapped + addressSpaceBudgetBytes) };
        return SetRLimit(RlimitAs, ref limit) == 0 ? null : $"setrlimit(RLIMIT_AS) failed: errno {Marshal.GetLastPInvokeError()}";
    }

    /// <summary>The process's virtual size (VmSize of /proc/self/status) in bytes, or -1.</summary>
    internal static long MappedBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmSize:", StringComparison.Ordinal)) continue;
                var kb = line["VmSize:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException) { }
        return -1;
    }
}
