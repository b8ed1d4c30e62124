using System.Text.Json;
using Orchestration.Cli.Client;
using Orchestration.Cli.Commands;
using Orchestration.Core.Events;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Cli.Runs;

/// <summary>
/// Follows a project's event stream until the run ends (completed: exit 0; failed or cancelled: 1) or waits for a
/// person (a review, an open checkpoint, a pause: 3). An event only prompts a look at the project's current state,
/// which decides: the stream replays the run's earlier events first, and an old "waiting" or "failed" must not end it.
/// </summary>
internal sealed class RunFollower(OrchClient client, string projectId)
{
    /// <summary>Events after which the run may have ended or started waiting (the engine says so with a project event).</summary>
    private static readonly HashSet<string> Decisive =
    [
        EventTypes.ProjectComplete, EventTypes.ProjectFailed, EventTypes.ProjectCancelled, EventTypes.ProjectPaused, EventTypes.ProjectWaiting,
    ];

    /// <summary>After a pause, the run stops when its last running task ends, which no project event announces.</summary>
    private static readonly HashSet<string> TaskEnds =
    [
        EventTypes.TaskComplete, EventTypes.TaskFailed, EventTypes.TaskCancelled, EventTypes.TaskNeedsReview, EventTypes.TaskInterrupted,
    ];

    private bool _engineSaidWaiting;
    private bool? _simulated;
    private bool _paused;

    /// <summary>Follows the run, handing every event to <paramref name="onEvent"/>, until it ends or waits.</summary>
    public async Task<RunOutcome> FollowAsync(Func<string, JsonElement, Task> onEvent, CancellationToken cancellationToken)
    {
        if (await CheckAsync(initial: true, cancellationToken) is { } already)
        {
            return already;
        }
        await foreach (var (_, type, data) in client.FollowEventsAsync(projectId, cancellationToken))
        {
            await onEvent(type, data);
            // NOTE: only the engine knows that nothing else can run; a moment with no task running (between a task's
            // end and its dependants' start) is not waiting. So waiting needs its project_waiting event, then the state.
            _engineSaidWaiting |= type == EventTypes.ProjectWaiting;
            // NOTE: the state is read only when it may have changed: the server limits each user's requests per minute.
            if ((Decisive.Contains(type) || (_paused && TaskEnds.Contains(type))) && await CheckAsync(initial: false, cancellationToken) is { } outcome)
            {
                return outcome;
            }
        }
        throw new CliException($"The server closed the event stream; follow again with `orch watch {projectId}`.");
    }

    private async Task<RunOutcome?> CheckAsync(bool initial, CancellationToken cancellationToken)
    {
        var project = await client.GetAsync($"/api/projects/{Uri.EscapeDataString(projectId)}", cancellationToken);
        var status = project.Text("status");
        if (status is ProjectStatusNames.Draft or ProjectStatusNames.Planning or ProjectStatusNames.Ready)
        {
            throw new CliException($"The project is {status}, not running: start it with `orch run {projectId}`.");
        }
        var tasks = (await client.GetAsync($"/api/tasks/project/{Uri.EscapeDataString(projectId)}?exclude_output=true&sort=wave&sort_dir=asc", cancellationToken))
            .EnumerateArray().ToList();
        _simulated ??= await SimulatedProvider.IsActiveAsync(client, cancellationToken);
        var tally = $"{tasks.Count(t => t.Text("status") == TaskStatusNames.Completed)}/{tasks.Count} tasks done, "
                    + $"spent {Table.Money(tasks.Sum(t => t.Number("cost_usd")))}{(_simulated == true ? SimulatedProvider.Tag : "")}";
        var reason = project.GetPropertyOrDefault("status_reason") is { Length: > 0 } r ? $" ({r})" : "";
        switch (status)
        {
            case ProjectStatusNames.Completed:
                return new RunOutcome(CliApp.Success, status, $"completed: {tally}", []);
            case ProjectStatusNames.Failed or ProjectStatusNames.Cancelled:
                return new RunOutcome(CliApp.Failed, status, $"{status}{reason}: {tally}; see `orch tasks {projectId}`", []);
        }
        _paused = status == ProjectStatusNames.Paused;
        if (_paused)
        {
            // Running tasks finish after a pause; queued ones wait for the resume.
            return tasks.Any(t => t.Text("status") == TaskStatusNames.Running) ? null : new RunOutcome(CliApp.WaitingForPerson, status, $"paused: {tally}",
                [$"orch run {projectId}      # resume", $"orch cancel {projectId}   # stop for good"]);
        }
        if (tasks.Any(t => t.Text("status") is TaskStatusNames.Running or TaskStatusNames.Queued))
        {
            return null;
        }
        if (!initial && !_engineSaidWaiting)
        {
            return null;
        }
        var answers = new List<string>();
        foreach (var task in tasks.Where(t => t.Text("status") == TaskStatusNames.NeedsReview))
        {
            answers.Add($"orch review {task.Text("id")} approve   # '{task.Text("title")}' waits for review");
            answers.Add($"orch review {task.Text("id")} retry --feedback \"what to change\"");
        }
        var checkpoints = await client.GetAsync($"/api/checkpoints/project/{Uri.EscapeDataString(projectId)}?resolved=false", cancellationToken);
        foreach (var checkpoint in checkpoints.EnumerateArray())
        {
            answers.Add($"orch checkpoint resolve {checkpoint.Text("id")} retry|skip|fail   # '{checkpoint.Text("task_title")}': {checkpoint.Text("question")}");
        }
        return answers.Count == 0 ? null : new RunOutcome(CliApp.WaitingForPerson, "waiting", $"waiting for a person: {tally}", answers);
    }
}
