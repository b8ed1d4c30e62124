using Orchestration.Core.Domain;

namespace Orchestration.Core.Spend;

/// <summary>A task whose calls are priced again: what routing looks at (type and complexity) and the tier it ran on last.</summary>
public sealed record SpendTask(string Id, string Title, string TaskType, string Complexity, ModelTier Tier);
