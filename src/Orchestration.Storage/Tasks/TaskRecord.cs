using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Tasks;

/// <summary>One row of the tasks table. JSON columns are kept as text here; the API layer maps them.</summary>
public sealed class TaskRecord
{
    public string Id { get; init; } = "";
    public string ProjectId { get; init; } = "";
    public string PlanId { get; init; } = "";
    public long TaskIndex { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>Any string a model produced; unknown types are kept and routed by the default rule.</summary>
    public string TaskType { get; init; } = "";
    public string Complexity { get; init; } = "medium";
    public string Status { get; init; } = TaskStatusNames.Pending;
    public string ModelTier { get; init; } = "haiku";
    public string? ModelUsed { get; init; }
    public long Priority { get; init; }
    public long Wave { get; init; }
    public string? Phase { get; init; }
    public string ToolsJson { get; init; } = "[]";
    public string RequirementIdsJson { get; init; } = "[]";
    public string? VerificationCriteria { get; init; }
    public string AffectedFilesJson { get; init; } = "[]";
    public long? MaxTokens { get; init; }
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public long CostNanos { get; init; }
    public string? OutputText { get; init; }
    public string OutputArtifactsJson { get; init; } = "[]";
    public string? VerificationStatus { get; init; }
    public string? VerificationNotes { get; init; }
    public string? Error { get; init; }
    public long RetryCount { get; init; }
    public long AttemptCount { get; init; }
    public string FeedbackJson { get; init; } = "[]";
    /// <summary>The budget stopped the task's tool loop; its output is what was done by then.</summary>
    public bool Partial { get; init; }
    /// <summary>A person skipped the task at a checkpoint; its dependants ran without its output.</summary>
    public bool Skipped { get; init; }
    public string? LeaseOwner { get; init; }
    public double? LeaseExpiresAt { get; init; }
    public double? NotBefore { get; init; }
    public double? StartedAt { get; init; }
    public double? CompletedAt { get; init; }
    public double CreatedAt { get; init; }
    public double UpdatedAt { get; init; }

    public TaskItemStatus StatusValue => WireNames.Parse<TaskItemStatus>(Status);
}
