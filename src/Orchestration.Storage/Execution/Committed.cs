using Orchestration.Storage.Events;

namespace Orchestration.Storage.Execution;

/// <summary>The result of a committed transaction and the events appended in it, to publish now that it committed.</summary>
public sealed record Committed<T>(T Value, IReadOnlyList<StoredEvent> Events);
