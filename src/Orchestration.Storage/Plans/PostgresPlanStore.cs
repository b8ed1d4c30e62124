using Orchestration.Core.Events;
using Orchestration.Storage.Events;
using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Plans;

/// <summary>Plans on PostgreSQL: each write first locks the project's row (as the execution backend's transactions do),
/// so drafts are numbered one after another, an approval sees the draft it checked until it commits, and the project's
/// status it moves is the one it read.</summary>
internal sealed class PostgresPlanStore(PostgresDatabase database) : IPlanStore
{
    public Task<PlanRecord?> CreateDraftAsync(string ownerId, NewPlan plan, bool completePlanning, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await PostgresLocks.LockProjectAsync(c, tx, plan.ProjectId);
            return await PlanRows.CreateDraftAsync(c, tx, ownerId, plan, completePlanning);
        }, cancellationToken);

    public Task<IReadOnlyList<PlanRecord>?> ListAsync(string ownerId, string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => PlanRows.ListAsync(c, ownerId, projectId, cancellationToken), cancellationToken);

    public Task<PlanRecord?> GetAsync(string ownerId, string projectId, string planId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => PlanRows.GetAsync(c, null, ownerId, projectId, planId), cancellationToken);

    public Task<PlanRecord?> GetCurrentAsync(string ownerId, string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => PlanRows.GetCurrentAsync(c, ownerId, projectId, cancellationToken), cancellationToken);

    public Task<PlanRecord?> UpdateDraftAsync(
        string ownerId, string projectId, string planId, string planJson, string forecastJson, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await PostgresLocks.LockProjectAsync(c, tx, projectId);
            return await PlanRows.UpdateDraftAsync(c, tx, ownerId, projectId, planId, planJson, forecastJson);
        }, cancellationToken);

    public Task<ApprovalResult?> ApproveAsync(PlanApproval approval, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await PostgresLocks.LockProjectAsync(c, tx, approval.ProjectId);
            return await PlanRows.ApproveAsync(c, tx, approval);
        }, cancellationToken);

    private static readonly AppendEvent Append = PostgresEventRows.AppendAsync;

    public Task<ReplanHold?> HoldForReplanAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await PostgresLocks.LockProjectAsync(c, tx, projectId);
            return await PlanRows.HoldForReplanAsync(c, tx, Append, ownerId, projectId, now);
        }, cancellationToken);

    public Task<StoredEvent?> ReleaseReplanHoldAsync(string projectId, NewEvent reason, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await PostgresLocks.LockProjectAsync(c, tx, projectId);
            return await PlanRows.ReleaseReplanHoldAsync(c, tx, Append, projectId, reason, now);
        }, cancellationToken);

    public Task<(PlanRecord Plan, StoredEvent Ready)?> CreateReplanDraftAsync(string ownerId, NewPlan plan, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await PostgresLocks.LockProjectAsync(c, tx, plan.ProjectId);
            return await PlanRows.CreateReplanDraftAsync(c, tx, Append, ownerId, plan);
        }, cancellationToken);

    public Task<(PlanRecord Plan, StoredEvent? Rejected)?> RejectAsync(string ownerId, string projectId, string planId, double now,
        CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await PostgresLocks.LockProjectAsync(c, tx, projectId);
            return await PlanRows.RejectAsync(c, tx, Append, ownerId, projectId, planId, now);
        }, cancellationToken);

    public Task<(ApprovalResult Result, StoredEvent Swapped)?> SwapAsync(PlanApproval approval, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await PostgresLocks.LockProjectAsync(c, tx, approval.ProjectId);
            return await PlanRows.SwapAsync(c, tx, Append, approval);
        }, cancellationToken);
}
