using Orchestration.Core.Domain;

namespace Orchestration.Core.Events;

/// <summary>The events of one task attempt: its start and each way it can end.</summary>
public static class AttemptEvents
{
    /// <param name="node">The server node whose executor runs the attempt (null for an external worker's).</param>
    public static NewEvent Started(string projectId, string taskId, string title, string modelTier, long attempt, string? node)
    {
        var data = new Dictionary<string, object?>
        {
            ["model_tier"] = modelTier,
            ["attempt"] = attempt,
            ["worker"] = node is null ? "external" : "executor",
        };
        if (node is not null)
        {
            data["node"] = node;
        }
        return new(projectId, EventTypes.TaskStart, $"Started '{title}'", taskId, data);
    }

    /// <summary>What a completed attempt produced (spend, verification, files).</summary>
    public sealed record Completion(string ModelUsed, long PromptTokens, long CompletionTokens, long CostNanos, string? VerificationStatus,
        string? VerificationNotes, bool Partial, IReadOnlyList<string> Artifacts);

    public static NewEvent Completed(string projectId, string taskId, string title, Completion c) =>
        new(projectId, EventTypes.TaskComplete,
            c.Partial ? $"Completed '{title}' with a partial result (the budget stopped it)" : $"Completed '{title}'", taskId,
            new Dictionary<string, object?>
            {
                ["cost_usd"] = Money.ToJson(c.CostNanos),
                ["model"] = c.ModelUsed,
                ["prompt_tokens"] = c.PromptTokens,
                ["completion_tokens"] = c.CompletionTokens,
                ["verification_status"] = c.VerificationStatus,
                ["verification_notes"] = c.VerificationNotes,
                ["partial"] = c.Partial,
                ["artifacts"] = c.Artifacts,
            });

    public static NewEvent RetryScheduled(string projectId, string taskId, string title, long attempt, long retry, double notBefore, double now) =>
        new(projectId, EventTypes.TaskRetry,
            $"'{title}' attempt {attempt} failed; automatic retry {retry} in {Math.Max(0, notBefore - now):0.#} s", taskId,
            new Dictionary<string, object?> { ["retry"] = retry, ["not_before"] = notBefore, ["reason"] = "transient_failure" });

    public static NewEvent VerificationRetry(string projectId, string taskId, string title, long attempt, long retry, string notes,
        string modelTier, string? escalatedFrom, long costNanos) =>
        new(projectId, EventTypes.TaskVerificationRetry,
            $"'{title}' attempt {attempt}: the verifier found gaps; retry {retry} with its notes" +
            (escalatedFrom is not null ? $" on {modelTier} (was {escalatedFrom})" : ""), taskId,
            new Dictionary<string, object?>
            {
                ["verification_status"] = VerificationStatus.GapsFound.ToWire(),
                ["verification_notes"] = notes,
                ["retry"] = retry,
                ["model_tier"] = modelTier,
                ["escalated_from"] = escalatedFrom,
                ["cost_usd"] = Money.ToJson(costNanos),
            });

    public static NewEvent Failed(string projectId, string taskId, string title, long attempts, IReadOnlyList<string> blocked) =>
        new(projectId, EventTypes.TaskFailed, $"'{title}' failed after {attempts} attempts" + Blocked(blocked), taskId,
            new Dictionary<string, object?> { ["blocked_task_ids"] = blocked });

    /// <summary>An attempt stopped without an outcome (shutdown, a restart, an expired lease); the task runs again.</summary>
    public static NewEvent Interrupted(string projectId, string taskId, string title, string reason, string why) =>
        new(projectId, EventTypes.TaskInterrupted, $"'{title}' was interrupted ({why}); it will run again", taskId,
            new Dictionary<string, object?> { ["reason"] = reason });

    public static NewEvent WaitingForBudget(string projectId, string taskId, string title, string scope, decimal limitUsd) =>
        new(projectId, EventTypes.TaskWaiting, $"'{title}' waits for budget: the {scope} budget of ${limitUsd:0.00} is exhausted", taskId,
            new Dictionary<string, object?> { ["reason"] = "budget", ["scope"] = scope, ["limit_usd"] = limitUsd });

    public static NewEvent WaitingForProvider(string projectId, string taskId, string title, string provider, bool fallbackOn,
        double recheckSeconds, double notBefore) =>
        new(projectId, EventTypes.TaskWaiting,
            $"'{title}' waits for {provider}, which is offline (routing.fallback_when_offline is " +
            $"{(fallbackOn ? "on, but no tier above is available" : "off")}); checking again every {recheckSeconds:0} s", taskId,
            new Dictionary<string, object?> { ["reason"] = "provider_offline", ["provider"] = provider, ["not_before"] = notBefore });

    public static NewEvent Fallback(string projectId, string taskId, string title, string fromTier, string toTier, string offline) =>
        new(projectId, EventTypes.TaskFallback, $"'{title}' runs on {toTier} instead of {fromTier}: {offline} is offline", taskId,
            new Dictionary<string, object?> { ["from_tier"] = fromTier, ["to_tier"] = toTier, ["offline_provider"] = offline });

    internal static string Blocked(IReadOnlyList<string> blocked) => blocked.Count > 0 ? $"; {blocked.Count} dependent tasks blocked" : "";
}
