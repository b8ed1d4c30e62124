using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Core.Scheduling;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Events;
using Orchestration.Storage.Knowledge;
using Orchestration.Storage.Projects;

namespace Orchestration.Storage.Execution;

/// <summary>
/// The primitive operations of execution inside one transaction. Reads see the transaction's own writes. Writes are
/// guarded (a status, an attempt) and say whether the guard held; none of them decides a status: the caller does.
/// Only the tasks of a project's current plan (its approved plan, or all tasks before any approval) take part in a run.
/// </summary>
public interface IExecutionTransaction
{
    // Projects.
    /// <summary>The project (only when owned by <paramref name="ownerId"/>, if given); null when there is none.</summary>
    Task<Project?> ProjectAsync(string projectId, string? ownerId);

    /// <summary>Moves the project from <paramref name="from"/> to <paramref name="to"/> (completed_at set when completed);
    /// null when it no longer had status <paramref name="from"/>.</summary>
    Task<Project?> MoveProjectAsync(string projectId, ProjectStatus from, ProjectStatus to, string? reason, double now);

    /// <summary>Counts one more run (execute call) of the project and returns its number.</summary>
    Task<long> NextRunAsync(string projectId, double now);

    // Tasks.
    /// <summary>The current plan's tasks in index order, with the ids each depends on.</summary>
    Task<(IReadOnlyList<ExecutionTask> Tasks, IReadOnlyDictionary<string, IReadOnlyList<string>> DependsOn)> GraphAsync(string projectId);

    /// <summary>The tasks of <paramref name="scope"/> around a task, with their dependencies and the status of each task
    /// named.</summary>
    Task<ReadinessSlice> SliceAsync(string taskId, SliceScope scope);

    /// <summary>The task of an attempt while the attempt still holds it; null otherwise.</summary>
    Task<ExecutionTask?> AttemptTaskAsync(AttemptKey key);

    /// <summary>A task for a person's action, when its project is the owner's.</summary>
    Task<OwnedTask?> OwnedTaskAsync(string ownerId, string taskId);

    /// <summary>Applies a guarded write; the task as it now is, or null when the guard did not hold.</summary>
    Task<ExecutionTask?> UpdateTaskAsync(TaskUpdate update, double now);

    /// <summary>The current plan's tasks in any of <paramref name="statuses"/>, in index order, with the id of each one's
    /// open checkpoint.</summary>
    Task<IReadOnlyList<(ExecutionTask Task, string? OpenCheckpointId)>> TasksInAsync(string projectId, IReadOnlyList<TaskItemStatus> statuses);

    /// <summary>Running tasks held by another lease owner than <paramref name="exceptOwner"/> (every project).</summary>
    Task<IReadOnlyList<LeasedTask>> LeasedTasksAsync(string exceptOwner);

    /// <summary>Extends the leases of every running task held by <paramref name="owner"/>.</summary>
    Task RenewLeasesAsync(string owner, double leaseUntil);

    /// <summary>Adds spend to a task's totals while it is on <paramref name="key"/>'s attempt number; false otherwise.</summary>
    Task<bool> AddSpendAsync(AttemptKey key, long promptTokens, long completionTokens, long costNanos, double now);

    /// <summary>What an attempt needs to run: the project, the outputs of the task's dependencies, the project's knowledge.</summary>
    Task<AttemptContext> AttemptContextAsync(AttemptKey key, ExecutionTask task);

    // Events, knowledge, checkpoints.
    /// <summary>Appends an event with the project's next sequence number (sequence order is commit order).</summary>
    Task<StoredEvent> AppendAsync(NewEvent newEvent, double now);

    /// <summary>Stores findings (those already known to the project are left out) and returns the new ones.</summary>
    Task<IReadOnlyList<KnowledgeRecord>> AddFindingsAsync(string projectId, string? taskId, IReadOnlyList<NewFinding> findings, double now);

    /// <summary>The finding, when its project is the owner's; null otherwise.</summary>
    Task<KnowledgeRecord?> OwnedFindingAsync(string ownerId, string knowledgeId);

    /// <summary>The project's finding whose normalised content equals that of <paramref name="content"/>, if any.</summary>
    Task<KnowledgeRecord?> FindingByContentAsync(string projectId, string content);

    /// <summary>Applies a person's change to a finding of <paramref name="projectId"/>; the finding as it now is, or null
    /// when it no longer had the expected status.</summary>
    Task<KnowledgeRecord?> UpdateFindingAsync(string projectId, FindingUpdate update, double now);

    /// <summary>Opens a checkpoint on a task; its attempts are the task's retry events since a person last restarted
    /// it, then <paramref name="finalAttempt"/>.</summary>
    Task<CheckpointRecord> OpenCheckpointAsync(string projectId, string taskId, NewCheckpoint checkpoint, string finalAttempt, double now);

    /// <summary>The owner's checkpoint; null when there is none.</summary>
    Task<CheckpointRecord?> CheckpointAsync(string ownerId, string checkpointId);

    /// <summary>Resolves open checkpoints: one by id, those of a task, or those of a project. Returns how many.</summary>
    Task<int> ResolveCheckpointsAsync(CheckpointScope scope, string resolution, string? response, double now);
}
