using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;
using static Orchestration.Core.Domain.TaskItemStatus;

namespace Orchestration.Engine.Runs;

// Claims, leases and recovery of attempts; their outcomes are in AttemptStore.Outcomes.cs.
internal sealed partial class AttemptStore(IExecutionDatabase database) : IAttemptStore
{
    public Task<Committed<AttemptContext>?> ClaimAsync(string projectId, string taskId, string owner, double leaseUntil, double now,
        Func<AttemptContext, NewEvent>? describe, CancellationToken cancellationToken) =>
        // NOTE: one transaction: the claim, what the attempt needs to run, and the event describing its prompt. Reading
        // inside the write costs less than a second connection and a second commit per task.
        database.WriteAsync(t => ClaimInAsync(t, projectId, taskId, owner, leaseUntil, now, describe), cancellationToken);

    private static async Task<Committed<AttemptContext>?> ClaimInAsync(IExecutionTransaction t, string projectId, string taskId, string owner,
        double leaseUntil, double now, Func<AttemptContext, NewEvent>? describe)
    {
        var task = await t.UpdateTaskAsync(Transitions.Task(taskId, Queued, Running) with
        {
            RunnableAt = now,
            Lease = new((owner, leaseUntil)),
            NotBefore = new(null),
            AttemptDelta = 1,
            MarkStarted = true,
        }, now);
        if (task is null)
        {
            return null;
        }
        var external = owner.StartsWith(ExternalWorkers.OwnerPrefix, StringComparison.Ordinal);
        var started = await t.AppendAsync(AttemptEvents.Started(projectId, taskId, task.Title, task.ModelTier, task.AttemptCount, external ? null : owner), now);
        var context = await t.AttemptContextAsync(new AttemptKey(projectId, taskId, owner, task.AttemptCount), task);
        if (describe is null)
        {
            return new Committed<AttemptContext>(context, [started]);
        }
        return new Committed<AttemptContext>(context, [started, await t.AppendAsync(describe(context), now)]);
    }

    public Task<Committed<ExternalClaim>?> ClaimExternalAsync(string ownerId, string taskId, double leaseUntil, double now,
        Func<AttemptContext, NewEvent>? describe, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<ExternalClaim>?>(async t =>
        {
            if (await t.OwnedTaskAsync(ownerId, taskId) is not { } row)
            {
                return null;
            }
            var mode = ExecutionModes.Of(row.ProjectConfig);
            var refusal = !ExecutionModes.AllowsExternalWorkers(mode)
                ? $"The project runs its tasks itself (config.execution_mode is {mode}); set it to hybrid or external to let external workers claim tasks."
                : row.ProjectStatus != ProjectStatus.Executing.ToWire() ? $"The project is {row.ProjectStatus}; execute it first."
                : row.ProjectReplanHoldSince is not null ? "The project is being re-planned: no task starts until its owner approves or rejects the new plan."
                : row.Status != Queued.ToWire() ? $"The task is {row.Status}; only a queued task (ready to run) can be claimed."
                : row.NotBefore is { } notBefore && notBefore > now ? $"The task waits for a retry delay until {notBefore:0} (epoch seconds)."
                : null;
            if (refusal is not null)
            {
                return new Committed<ExternalClaim>(ExternalClaim.Refused(refusal), []);
            }
            var claimed = await ClaimInAsync(t, row.ProjectId, taskId, ExternalWorkers.OwnerOf(ownerId), leaseUntil, now, describe);
            return claimed is null
                ? new Committed<ExternalClaim>(ExternalClaim.Refused("The task was claimed by someone else a moment ago."), [])
                : new Committed<ExternalClaim>(new ExternalClaim(claimed.Value, null), claimed.Events);
        }, cancellationToken);

    public Task<AttemptContext?> ReadAttemptAsync(AttemptKey key, CancellationToken cancellationToken) =>
        database.WriteAsync(async t => await t.AttemptTaskAsync(key) is { } task ? await t.AttemptContextAsync(key, task) : null, cancellationToken);

    public Task<bool> AddSpendAsync(AttemptKey key, long promptTokens, long completionTokens, long costNanos, double now,
        CancellationToken cancellationToken) =>
        database.WriteAsync(t => t.AddSpendAsync(key, promptTokens, completionTokens, costNanos, now), cancellationToken);

    public Task<Committed<IReadOnlyList<string>>> RecoverInterruptedAsync(string owner, bool onlyExpired, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async t =>
        {
            var projects = new List<string>();
            var events = new List<StoredEvent>();
            foreach (var row in await t.LeasedTasksAsync(owner))
            {
                var expired = row.LeaseExpiresAt is null || row.LeaseExpiresAt < now;
                // An external worker's claim outlives a restart of this server; it ends when its lease does.
                var external = row.LeaseOwner?.StartsWith(ExternalWorkers.OwnerPrefix, StringComparison.Ordinal) == true;
                if ((onlyExpired || external) && !expired)
                {
                    continue;
                }
                var update = Transitions.Task(row.Id, Running, Queued) with { Lease = new((null, null)), NotBefore = new(null) };
                if (row.LeaseOwner is not null)
                {
                    update = update with { Attempt = new AttemptKey(row.ProjectId, row.Id, row.LeaseOwner, row.AttemptCount) };
                }
                if (await t.UpdateTaskAsync(update, now) is null)
                {
                    continue;
                }
                events.Add(await t.AppendAsync(onlyExpired
                    ? AttemptEvents.Interrupted(row.ProjectId, row.Id, row.Title, "lease_expired", "its lease expired")
                    : AttemptEvents.Interrupted(row.ProjectId, row.Id, row.Title, "restart", "server restart"), now));
                projects.Add(row.ProjectId);
            }
            return new Committed<IReadOnlyList<string>>(projects.Distinct().ToList(), events);
        }, cancellationToken);

    public Task RenewLeasesAsync(string owner, double leaseUntil, CancellationToken cancellationToken) =>
        database.WriteAsync(async t =>
        {
            await t.RenewLeasesAsync(owner, leaseUntil);
            return true;
        }, cancellationToken);
}
