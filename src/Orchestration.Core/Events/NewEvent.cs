namespace Orchestration.Core.Events;

/// <summary>An event to append. <paramref name="Data"/> holds the optional fields keyed by their snake_case wire names.</summary>
public sealed record NewEvent(
    string ProjectId,
    string Type,
    string Message,
    string? TaskId = null,
    IReadOnlyDictionary<string, object?>? Data = null);
