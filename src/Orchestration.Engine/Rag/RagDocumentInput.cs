using System.Text.Json;

namespace Orchestration.Engine.Rag;

/// <summary>A document to ingest. <see cref="Metadata"/>, when given, must be a JSON object; it is stored as is.</summary>
public sealed record RagDocumentInput(string Source, string Text, string? TypeName = null, JsonElement? Metadata = null);
