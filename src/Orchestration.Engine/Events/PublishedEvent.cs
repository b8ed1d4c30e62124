using Orchestration.Storage.Events;

namespace Orchestration.Engine.Events;

/// <summary>A committed event as it goes to live subscribers: serialised once, shared by all of them.</summary>
/// <param name="Utf8Json">The wire JSON (docs/api.md, Live events), UTF-8 encoded.</param>
/// <param name="PublishedAt">Stopwatch timestamp taken at publish, to measure delivery lag.</param>
public sealed record PublishedEvent(StoredEvent Event, ReadOnlyMemory<byte> Utf8Json, long PublishedAt);
