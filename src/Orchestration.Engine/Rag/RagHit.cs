namespace Orchestration.Engine.Rag;

/// <summary>
/// One chunk found by a search. <see cref="DocumentId"/> and <see cref="ChunkIndex"/> (from 0) identify it;
/// <see cref="Snippet"/> (matched words in **) is set when full-text search matched it.
/// </summary>
public sealed record RagHit(
    string DocumentId, int ChunkIndex, string Source, string? TypeName, string Text, double Score, RagMatch Match, string? Snippet);
