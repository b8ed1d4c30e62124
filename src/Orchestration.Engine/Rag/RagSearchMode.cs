namespace Orchestration.Engine.Rag;

/// <summary>semantic | keyword | hybrid (wire names).</summary>
public enum RagSearchMode { Semantic, Keyword, Hybrid }
