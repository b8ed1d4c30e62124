namespace Orchestration.Engine.Rag;

/// <summary>What replacing a source did: documents added (new or changed), kept unchanged and removed (changed or
/// vanished), with the chunks written and removed.</summary>
public sealed record RagReindexResult(int Added, int Unchanged, int Removed, int ChunksAdded, int ChunksRemoved);
