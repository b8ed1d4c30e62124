using System.Text.Json.Nodes;

namespace Orchestration.Server.Tasks;

/// <summary>A task as docs/api.md lists and shows it (the list and the detail share one shape; <c>output_text</c> is
/// null in lists asked with exclude_output). Arrays are never null. partial, skipped and feedback are ours (task
/// intelligence).</summary>
public sealed record TaskDto(
    string Id, string ProjectId, string PlanId, int TaskIndex, string Title, string Description, string Status, string TaskType,
    string Complexity, string ModelTier, string? ModelUsed, double CostUsd, int Wave, string? Phase, int Priority,
    List<string> DependsOn, List<string> RequirementIds, List<string> Tools, string? VerificationCriteria, List<string> AffectedFiles,
    int? MaxTokens, long PromptTokens, long CompletionTokens, string? VerificationStatus, string? VerificationNotes, string? Error,
    string? OutputText, JsonArray OutputArtifacts, int RetryCount, double? StartedAt, double? CompletedAt, double CreatedAt, double UpdatedAt,
    bool Partial, bool Skipped, List<TaskFeedbackDto> Feedback);

/// <summary>Feedback waiting for (or given to) the task's next attempt: from the verifier, a reviewer or a checkpoint.</summary>
public sealed record TaskFeedbackDto(string Source, string Text, double Timestamp);

public sealed record UpdateTaskRequest(string? Title, string? Description, string? ModelTier, int? Priority, int? MaxTokens);
