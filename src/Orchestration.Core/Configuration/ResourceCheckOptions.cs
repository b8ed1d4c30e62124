namespace Orchestration.Core.Configuration;

/// <summary>
/// The top-level <c>resource_check_interval_sec</c> as a section of its own: how long the answer of a service probe
/// (is a provider online?) is trusted before asking again. Built from <see cref="OrchestrationConfig"/>, not bound.
/// </summary>
public sealed class ResourceCheckOptions
{
    public double IntervalSec { get; init; } = 30;
}
