namespace Orchestration.Engine.Execution;

/// <summary>
/// execution_mode hybrid/external: a worker outside this server (an agent, a person, a script) claims a ready task of
/// the owner's project, gets the same prompt the executor would send a model, and submits the result or releases the
/// task. Every call commits, publishes its events and tells the executor. Null means the task is not the user's.
/// </summary>
public interface IExternalWork
{
    Task<ExternalClaimOutcome?> ClaimAsync(string userId, string taskId, CancellationToken cancellationToken);

    Task<ExternalWorkOutcome?> SubmitAsync(string userId, string taskId, long attempt, string output, CancellationToken cancellationToken);

    Task<ExternalWorkOutcome?> ReleaseAsync(string userId, string taskId, long attempt, CancellationToken cancellationToken);
}

/// <summary>A claimed task (or why it could not be claimed): its attempt number, until when the claim holds, and the
/// prompt: the system part (instructions, requirements, plan, knowledge) and the task part.</summary>
public sealed record ExternalClaimOutcome(string? Refusal, long Attempt = 0, double LeaseExpiresAt = 0, string SystemPrompt = "", string TaskPrompt = "");

/// <summary>Done, or why not (the claim expired, was released, or the task was cancelled meanwhile).</summary>
public sealed record ExternalWorkOutcome(string? Refusal);
