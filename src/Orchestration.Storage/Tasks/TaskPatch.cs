using Orchestration.Core.Domain;

namespace Orchestration.Storage.Tasks;

/// <summary>Fields a task PATCH may change (validated at the edge); null means unchanged.</summary>
public sealed record TaskPatch(string? Title, string? Description, ModelTier? ModelTier, int? Priority, int? MaxTokens);
