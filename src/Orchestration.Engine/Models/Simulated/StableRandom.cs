using System.Text;

namespace Orchestration.Engine.Models.Simulated;

/// <summary>Random numbers that depend only on the seed and the given parts (FNV-1a 64 over their UTF-8 bytes),
/// the same on every run and machine, unlike string.GetHashCode.</summary>
internal static class StableRandom
{
    public static Random For(int seed, params object[] parts) => new(unchecked((int)Hash(seed, parts)));

    public static ulong Hash(int seed, params object[] parts)
    {
        var hash = 14695981039346656037UL ^ (uint)seed;
        foreach (var part in parts)
        {
            foreach (var b in Encoding.UTF8.GetBytes(part?.ToString() ?? ""))
            {
                hash = unchecked((hash ^ b) * 1099511628211UL);
            }
            hash = unchecked((hash ^ 0xFF) * 1099511628211UL);
        }
        return hash;
    }
}
