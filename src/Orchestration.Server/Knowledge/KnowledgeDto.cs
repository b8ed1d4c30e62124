namespace Orchestration.Server.Knowledge;

/// <summary>A project knowledge finding as api.md lists it.</summary>
public sealed record KnowledgeDto(
    string Id, string ProjectId, string? TaskId, string Category, string Content, string? SourceTaskTitle, double CreatedAt);
