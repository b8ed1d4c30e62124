namespace Orchestration.Core.Events;

/// <summary>One event type: what it reports, the optional fields its <c>data</c> may carry (snake_case wire names, beyond
/// the fields every event has), and whether it ends a run.</summary>
public sealed record EventSpec(string Type, string Description, IReadOnlyList<string> Fields, bool EndsRun = false, bool Stored = true);
