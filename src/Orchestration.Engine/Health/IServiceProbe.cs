namespace Orchestration.Engine.Health;

/// <summary>Checks one kind of external service. Register more with <c>services.AddSingleton&lt;IServiceProbe, ...&gt;()</c>
/// (the database, embeddings, ComfyUI probes live with their features); <see cref="IServiceHealth"/> runs them all.</summary>
public interface IServiceProbe
{
    /// <summary>Never throws for an unreachable service: that is an <c>offline</c> status with the reason in details.</summary>
    Task<IReadOnlyList<ServiceStatus>> ProbeAsync(CancellationToken cancellationToken);
}
