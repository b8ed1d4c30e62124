namespace Orchestration.Engine.Rag;

/// <summary>How a hit was found, which also says what its score means.</summary>
public enum RagMatch { Semantic, Keyword, Hybrid, TypeName }
