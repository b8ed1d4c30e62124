using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Execution;

/// <summary>The columns of a task row the executor needs to schedule and run it.</summary>
public sealed class ExecutionTask
{
    public string Id { get; init; } = "";
    public string ProjectId { get; init; } = "";
    public string PlanId { get; init; } = "";
    public long TaskIndex { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string TaskType { get; init; } = "";
    public string Complexity { get; init; } = "medium";
    public string Status { get; init; } = TaskStatusNames.Pending;
    public string ModelTier { get; init; } = "haiku";
    public long Priority { get; init; }
    public long Wave { get; init; }
    public string? VerificationCriteria { get; init; }
    public long? MaxTokens { get; init; }
    public double? NotBefore { get; init; }
    public long AttemptCount { get; init; }
    public long RetryCount { get; init; }
    public long AutoRetriesUsed { get; init; }
    public long ManualRetries { get; init; }
    public string? LeaseOwner { get; init; }
    /// <summary>The tools the plan gave the task (JSON array of names).</summary>
    public string ToolsJson { get; init; } = "[]";
    /// <summary>The latest feedback for the next attempt (<see cref="FeedbackLog"/>).</summary>
    public string FeedbackJson { get; init; } = "[]";
    public string? VerificationStatus { get; init; }

    public TaskItemStatus StatusValue => WireNames.Parse<TaskItemStatus>(Status);
}
