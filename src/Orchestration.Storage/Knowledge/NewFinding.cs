namespace Orchestration.Storage.Knowledge;

/// <summary>A finding to store: its category (api.md knowledge categories, wire string) and its text.</summary>
public sealed record NewFinding(string Category, string Content);
