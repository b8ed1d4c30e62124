namespace Orchestration.Engine.Events;

/// <summary>
/// Something that happened in a project, for the timeline and the SSE stream (api.md, Live events).
/// <see cref="Data"/> carries the optional fields (cost_usd, tool, checkpoint_id, wave, next_wave, level, ...),
/// keyed by their snake_case wire names.
/// </summary>
public sealed record ProjectEvent(
    string ProjectId,
    string Type,
    string Message,
    string? TaskId = null,
    IReadOnlyDictionary<string, object?>? Data = null);

/// <summary>Persists an event (next per-project sequence number) and then publishes it to live subscribers.</summary>
public interface IEventPublisher
{
    /// <returns>The event's sequence number within its project.</returns>
    Task<long> PublishAsync(ProjectEvent projectEvent, CancellationToken cancellationToken);
}
