using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

// Sharding files keep the Pipeline namespace: BatchRunner uses them and they use BatchRunner, and one
// namespace keeps that from becoming a namespace cycle.
namespace ReportMiner.Pipeline;

/// <summary>
/// Part <see cref="Part"/> of <see cref="Parts"/> of a batch's input (<c>run --shard K/N</c>). A file
/// belongs to the part its relative path hashes to (SHA-256 of the UTF-8 id), so the split is the
/// same on every machine and every run and needs no list shared between the machines.
/// </summary>
public readonly record struct ShardSpec
{
    public ShardSpec(int part, int parts)
    {
        if (parts < 1 || part < 1 || part > parts) throw new ArgumentOutOfRangeException(nameof(part), $"shard {part}/{parts}: need 1 <= K <= N");
        Part = part;
        Parts = parts;
    }

    /// <summary>This part, from 1.</summary>
    public int Part { get; }

    /// <summary>How many parts the input is split into.</summary>
    public int Parts { get; }

    /// <summary>Whether the file with relative path <paramref name="id"/> is in this part.</summary>
    public bool Owns(string id) => PartOf(id, Parts) == Part;

    /// <summary>The part (1..<paramref name="parts"/>) that the file with relative path <paramref name="id"/> falls in.</summary>
    public static int PartOf(string id, int parts)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)parts) + 1;
    }

    /// <summary>Parses <c>K/N</c>; on failure returns false with a one-line reason.</summary>
    public static bool TryParse(string? text, out ShardSpec spec, out string error)
    {
        spec = default;
        error = "";
        var parts = (text ?? "").Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            error = $"--shard must be K/N, for example 2/4 (got '{text}')";
            return false;
        }
        if (n < 1 || k < 1 || k > n)
        {
            error = $"--shard {text}: K must be from 1 to N";
            return false;
        }
        spec = new ShardSpec(k, n);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Part}/{Parts}");
}
