using Orchestration.Core.Domain;

namespace Orchestration.Core.Events;

/// <summary>The events of a project's run as a whole: start, pause, cancel, finish, waits and budget stops.</summary>
public static class RunEvents
{
    public static NewEvent Started(string projectId, long run, int toDo, int total) =>
        new(projectId, EventTypes.ProjectStart, $"Execution started (run {run}): {toDo} of {total} tasks to do", null, new Dictionary<string, object?> { ["run"] = run });

    public static NewEvent Paused(string projectId) =>
        new(projectId, EventTypes.ProjectPaused, "Execution paused: running tasks finish, no new task starts");

    public static NewEvent Cancelled(string projectId, int tasksCancelled) =>
        new(projectId, EventTypes.ProjectCancelled, $"Execution cancelled; {tasksCancelled} unfinished tasks cancelled", null,
            new Dictionary<string, object?> { ["tasks_cancelled"] = tasksCancelled });

    /// <summary>The closing event of a run whose graph is done: project_complete, or project_failed.</summary>
    /// <remarks><paramref name="pending"/> tasks (never reached) count as blocked in the data.</remarks>
    public static NewEvent Finished(string projectId, bool completed, int done, int failed, int blocked, int pending, int cancelled) =>
        new(projectId, completed ? EventTypes.ProjectComplete : EventTypes.ProjectFailed,
            completed ? $"Project completed: {done} tasks done" : $"Project failed: {failed} failed, {blocked} blocked, {done} completed", null,
            new Dictionary<string, object?>
            {
                ["tasks_completed"] = done,
                ["tasks_failed"] = failed,
                ["tasks_blocked"] = blocked + pending,
                ["tasks_cancelled"] = cancelled,
            });

    public static NewEvent WaveCheckpoint(string projectId, long wave) =>
        new(projectId, EventTypes.WaveCheckpoint, $"Wave {wave} finished; execution paused before wave {wave + 1}. Execute to continue.", null,
            new Dictionary<string, object?> { ["wave"] = wave, ["next_wave"] = wave + 1 });

    /// <summary>A cap stopped work and nothing else can run: the project pauses.</summary>
    public static NewEvent BudgetExhausted(string projectId, string? taskId, string scope, decimal limitUsd, string detail) =>
        new(projectId, EventTypes.BudgetWarning,
            $"The {scope} budget of ${limitUsd:0.00} is exhausted and nothing else can run; execution paused. Raise the cap and execute to resume.",
            taskId, new Dictionary<string, object?> { ["level"] = "exhausted", ["scope"] = scope, ["limit_usd"] = limitUsd, ["detail"] = detail });

    /// <summary>A budget_warning of the ledger: level warn (a cap nearly used) or exhausted (a call refused).</summary>
    public static NewEvent BudgetWarning(string projectId, string message, string level, string scope, long costNanos, long spentNanos,
        long reservedNanos, long limitNanos) =>
        new(projectId, EventTypes.BudgetWarning, message, null, new Dictionary<string, object?>
        {
            ["level"] = level,
            ["scope"] = scope,
            ["cost_usd"] = Money.ToJson(costNanos),
            ["spent_usd"] = Money.ToJson(spentNanos),
            ["reserved_usd"] = Money.ToJson(reservedNanos),
            ["limit_usd"] = Money.ToJson(limitNanos),
        });

    /// <summary>A budget_warning (level warn, reason forecast_exceeded): the run has spent more than the approved plan's
    /// high forecast. The caps still apply; this says the estimate was wrong, not that work stops.</summary>
    public static NewEvent ForecastExceeded(string projectId, string planId, long spentNanos, long forecastHighNanos) =>
        new(projectId, EventTypes.BudgetWarning,
            $"The run has spent ${Money.FromNanos(spentNanos):0.00####} since its plan was approved, past the plan's high forecast of "
            + $"${Money.FromNanos(forecastHighNanos):0.00####}.",
            null, new Dictionary<string, object?>
            {
                ["level"] = "warn",
                ["scope"] = "project",
                ["reason"] = "forecast_exceeded",
                ["plan_id"] = planId,
                ["spent_usd"] = Money.ToJson(spentNanos),
                ["forecast_high_usd"] = Money.ToJson(forecastHighNanos),
            });

    /// <summary>Tasks wait for people (review or an open checkpoint); the project stays executing.</summary>
    public static NewEvent WaitingForPeople(string projectId, IReadOnlyList<(string Id, string Title, string? CheckpointId)> waiting)
    {
        var what = string.Join("; ", waiting.Select(w => w.CheckpointId is null ? $"'{w.Title}' needs review" : $"'{w.Title}' has an open checkpoint"));
        return new(projectId, EventTypes.ProjectWaiting, $"Waiting for people: {what}. Nothing else can run until then; the project stays executing.", null,
            new Dictionary<string, object?>
            {
                ["task_ids"] = waiting.Select(w => w.Id).ToList(),
                ["checkpoint_ids"] = waiting.Where(w => w.CheckpointId is not null).Select(w => w.CheckpointId).ToList(),
            });
    }

    /// <summary>An external project waits for its workers to claim its ready tasks.</summary>
    public static NewEvent WaitingForWorkers(string projectId, IReadOnlyList<(string Id, string Title)> ready, int claimed) =>
        new(projectId, EventTypes.ProjectWaiting,
            $"Waiting for external workers: {ready.Count} task{(ready.Count == 1 ? " is" : "s are")} ready to claim " +
            $"({string.Join(", ", ready.Take(5).Select(t => $"'{t.Title}'"))}{(ready.Count > 5 ? ", ..." : "")})" +
            (claimed > 0 ? $", {claimed} claimed" : "") + ". Claim with POST /api/tasks/{id}/claim.", null,
            new Dictionary<string, object?>
            {
                ["reason"] = "external_workers",
                ["task_ids"] = ready.Select(t => t.Id).ToList(),
                ["claimed"] = claimed,
            });
}
