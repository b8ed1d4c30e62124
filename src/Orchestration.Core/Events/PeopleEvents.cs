namespace Orchestration.Core.Events;

/// <summary>The events of tasks that wait for a person, and of that person's answers (review, checkpoint, retry, cancel).</summary>
public static class PeopleEvents
{
    public static NewEvent NeedsReview(string projectId, string taskId, string message, string reason, string? verificationStatus,
        string? verificationNotes, IReadOnlyList<string> blocked, long costNanos) =>
        new(projectId, EventTypes.TaskNeedsReview, message, taskId, new Dictionary<string, object?>
        {
            ["reason"] = reason,
            ["verification_status"] = verificationStatus,
            ["verification_notes"] = verificationNotes,
            ["blocked_task_ids"] = blocked,
            ["cost_usd"] = Domain.Money.ToJson(costNanos),
        });

    // NOTE: the summary (with error text) stays in the checkpoint, readable by the owner; the event is generic.
    public static NewEvent CheckpointOpened(string projectId, string taskId, string title, string reason, string checkpointId,
        string checkpointType, string question, IReadOnlyList<string> blocked) =>
        new(projectId, EventTypes.Checkpoint,
            $"Checkpoint on '{title}' ({reason.Replace('_', ' ')}): waiting for a person. {question}", taskId,
            new Dictionary<string, object?>
            {
                ["checkpoint_id"] = checkpointId,
                ["checkpoint_type"] = checkpointType,
                ["question"] = question,
                ["blocked_task_ids"] = blocked,
            });

    public static NewEvent CheckpointResolved(string projectId, string taskId, string title, string checkpointId, string action, string? guidance) =>
        new(projectId, EventTypes.CheckpointResolved, $"Checkpoint on '{title}' resolved: {action}" + (guidance is null ? "" : $" ({guidance})"), taskId,
            new Dictionary<string, object?> { ["checkpoint_id"] = checkpointId, ["action"] = action, ["guidance"] = guidance });

    public static NewEvent Approved(string projectId, string taskId, string title) =>
        new(projectId, EventTypes.TaskComplete, $"'{title}' approved by review", taskId,
            new Dictionary<string, object?> { ["review"] = "approved", ["cost_usd"] = 0 });

    /// <summary>A retry asked for by a person: <paramref name="reason"/> manual (a failed or cancelled task), review or checkpoint.</summary>
    public static NewEvent RetryRequested(string projectId, string taskId, string title, string reason, long retry, string? feedback) =>
        new(projectId, EventTypes.TaskRetry, $"Retry of '{title}' requested" + (feedback is null ? "" : " with feedback"), taskId,
            feedback is null && reason == "manual"
                ? new Dictionary<string, object?> { ["reason"] = reason, ["retry"] = retry }
                : new Dictionary<string, object?> { ["reason"] = reason, ["retry"] = retry, ["feedback"] = feedback });

    public static NewEvent Cancelled(string projectId, string taskId, string title, IReadOnlyList<string> blocked, bool wasRunning) =>
        new(projectId, EventTypes.TaskCancelled, $"'{title}' cancelled" + AttemptEvents.Blocked(blocked), taskId,
            new Dictionary<string, object?> { ["blocked_task_ids"] = blocked, ["was_running"] = wasRunning });

    public static NewEvent FailedAtCheckpoint(string projectId, string taskId, string title, IReadOnlyList<string> blocked) =>
        new(projectId, EventTypes.TaskFailed, $"'{title}' failed at its checkpoint" + AttemptEvents.Blocked(blocked), taskId,
            new Dictionary<string, object?> { ["blocked_task_ids"] = blocked, ["reason"] = "checkpoint" });

    /// <summary>A wait nobody answered was ended by execution.wait_expiry with <paramref name="action"/> (approve, skip, fail).</summary>
    public static NewEvent WaitExpired(string projectId, string taskId, string title, string action, double waitedHours, string? checkpointId) =>
        new(projectId, EventTypes.WaitExpired,
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Nobody answered '{title}' for {waitedHours:0.#} hours: {action} (execution.wait_expiry)"), taskId,
            new Dictionary<string, object?> { ["action"] = action, ["waited_hours"] = Math.Round(waitedHours, 2), ["checkpoint_id"] = checkpointId });

    public static NewEvent FailedByExpiry(string projectId, string taskId, string title, IReadOnlyList<string> blocked) =>
        new(projectId, EventTypes.TaskFailed, $"'{title}' failed: nobody answered in time" + AttemptEvents.Blocked(blocked), taskId,
            new Dictionary<string, object?> { ["blocked_task_ids"] = blocked, ["reason"] = "wait_expired" });

    public static NewEvent KnowledgeReviewed(string projectId, string knowledgeId, string source, bool accepted, string by, string content) =>
        new(projectId, accepted ? EventTypes.KnowledgeAccepted : EventTypes.KnowledgeRejected,
            $"Finding {(accepted ? "accepted" : "rejected")}: {(content.Length <= 80 ? content : content[..80] + "…")}", null,
            new Dictionary<string, object?> { ["knowledge_id"] = knowledgeId, ["source"] = source, ["by"] = by });
}
