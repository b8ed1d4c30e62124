using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Core.Scheduling;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Knowledge;
using Orchestration.Storage.Projects;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>Execution primitives that run <see cref="BeforeSlice"/> inside the transaction before each readiness slice is
/// read: a test holds a transaction there, between its own write and its reading of the others' state.</summary>
public sealed class PausingExecutionDatabase(IExecutionDatabase inner) : IExecutionDatabase
{
    public Func<Task> BeforeSlice { get; set; } = () => Task.CompletedTask;

    public Task<T> WriteAsync<T>(Func<IExecutionTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        inner.WriteAsync(t => work(new Transaction(t, this)), cancellationToken);

    public Task<ProjectStates?> StatesAsync(string projectId, CancellationToken cancellationToken) => inner.StatesAsync(projectId, cancellationToken);

    public Task<IReadOnlyList<string>> ExecutingProjectIdsAsync(CancellationToken cancellationToken) => inner.ExecutingProjectIdsAsync(cancellationToken);

    private sealed class Transaction(IExecutionTransaction t, PausingExecutionDatabase owner) : IExecutionTransaction
    {
        public async Task<ReadinessSlice> SliceAsync(string taskId, SliceScope scope)
        {
            await owner.BeforeSlice();
            return await t.SliceAsync(taskId, scope);
        }

        public Task<Project?> ProjectAsync(string projectId, string? ownerId) => t.ProjectAsync(projectId, ownerId);
        public Task<Project?> MoveProjectAsync(string projectId, ProjectStatus from, ProjectStatus to, string? reason, double now) =>
            t.MoveProjectAsync(projectId, from, to, reason, now);
        public Task<long> NextRunAsync(string projectId, double now) => t.NextRunAsync(projectId, now);
        public Task<(IReadOnlyList<ExecutionTask> Tasks, IReadOnlyDictionary<string, IReadOnlyList<string>> DependsOn)> GraphAsync(string projectId) =>
            t.GraphAsync(projectId);
        public Task<ExecutionTask?> AttemptTaskAsync(AttemptKey key) => t.AttemptTaskAsync(key);
        public Task<OwnedTask?> OwnedTaskAsync(string ownerId, string taskId) => t.OwnedTaskAsync(ownerId, taskId);
        public Task<ExecutionTask?> UpdateTaskAsync(TaskUpdate update, double now) => t.UpdateTaskAsync(update, now);
        public Task<IReadOnlyList<(ExecutionTask Task, string? OpenCheckpointId)>> TasksInAsync(string projectId, IReadOnlyList<TaskItemStatus> statuses) =>
            t.TasksInAsync(projectId, statuses);
        public Task<IReadOnlyList<LeasedTask>> LeasedTasksAsync(string exceptOwner) => t.LeasedTasksAsync(exceptOwner);
        public Task RenewLeasesAsync(string owner, double leaseUntil) => t.RenewLeasesAsync(owner, leaseUntil);
        public Task<bool> AddSpendAsync(AttemptKey key, long promptTokens, long completionTokens, long costNanos, double now) =>
            t.AddSpendAsync(key, promptTokens, completionTokens, costNanos, now);
        public Task<AttemptContext> AttemptContextAsync(AttemptKey key, ExecutionTask task) => t.AttemptContextAsync(key, task);
        public Task<StoredEvent> AppendAsync(NewEvent newEvent, double now) => t.AppendAsync(newEvent, now);
        public Task<IReadOnlyList<KnowledgeRecord>> AddFindingsAsync(string projectId, string? taskId, IReadOnlyList<NewFinding> findings, double now) =>
            t.AddFindingsAsync(projectId, taskId, findings, now);
        public Task<KnowledgeRecord?> OwnedFindingAsync(string ownerId, string knowledgeId) => t.OwnedFindingAsync(ownerId, knowledgeId);
        public Task<KnowledgeRecord?> FindingByContentAsync(string projectId, string content) => t.FindingByContentAsync(projectId, content);
        public Task<KnowledgeRecord?> UpdateFindingAsync(string projectId, FindingUpdate update, double now) => t.UpdateFindingAsync(projectId, update, now);
        public Task<CheckpointRecord> OpenCheckpointAsync(string projectId, string taskId, NewCheckpoint checkpoint, string finalAttempt, double now) =>
            t.OpenCheckpointAsync(projectId, taskId, checkpoint, finalAttempt, now);
        public Task<CheckpointRecord?> CheckpointAsync(string ownerId, string checkpointId) => t.CheckpointAsync(ownerId, checkpointId);
        public Task<int> ResolveCheckpointsAsync(CheckpointScope scope, string resolution, string? response, double now) =>
            t.ResolveCheckpointsAsync(scope, resolution, response, now);
    }
}
