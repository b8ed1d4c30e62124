namespace Orchestration.Storage.Cluster;

/// <summary>The key ring of the server's signed tokens (stream tokens, sign-in state) as XML elements, kept where every
/// node sharing the database reads it.</summary>
public interface IProtectionKeyStore
{
    IReadOnlyList<string> All();

    /// <summary>Adds an element; one stored under the same name is kept (keys are immutable once written).</summary>
    void Add(string name, string xml, double now);

    /// <summary>Runs <paramref name="work"/> while no other node runs its own (for creating the ring's first key once).</summary>
    Task ExclusivelyAsync(Action work, CancellationToken cancellationToken);
}
