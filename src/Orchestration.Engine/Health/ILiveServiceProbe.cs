namespace Orchestration.Engine.Health;

/// <summary>A probe whose entries carry details that change between probe runs (requests in flight, say):
/// <see cref="IServiceHealth"/> asks it to bring them up to date on every read of the last snapshot.</summary>
public interface ILiveServiceProbe : IServiceProbe
{
    /// <summary>The entry with its live details; any entry this probe did not make comes back unchanged.</summary>
    ServiceStatus WithLiveDetails(ServiceStatus status);
}
