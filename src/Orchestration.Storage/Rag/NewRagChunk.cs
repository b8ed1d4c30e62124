namespace Orchestration.Storage.Rag;

/// <summary>One chunk of a new document with its embedding (stored as little-endian float32).</summary>
public sealed record NewRagChunk(string Text, float[] Embedding);
