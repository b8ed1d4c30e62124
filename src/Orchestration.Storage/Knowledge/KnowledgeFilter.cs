namespace Orchestration.Storage.Knowledge;

/// <summary>Which findings a list shows (wire strings; null: any).</summary>
public sealed record KnowledgeFilter(string? Category = null, string? Status = null, string? Source = null);
