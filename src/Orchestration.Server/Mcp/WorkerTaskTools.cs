using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orchestration.Engine.Execution;
using Orchestration.Server.Tasks;
using Orchestration.Storage.Tasks;

namespace Orchestration.Server.Mcp;

/// <summary>
/// MCP tools to do the work: claim a ready task (and get the prompt the server's executor would send a model), then
/// submit the result or release the task. The same rules as POST /api/tasks/{id}/claim, /submit and /release
/// (IExternalWork); a refusal is a tool error whose text says why, so the agent can pick another task.
/// </summary>
[McpServerToolType]
internal sealed class WorkerTaskTools(McpCaller caller, IExternalWork work, ITaskReadStore tasks)
{
    // NOTE: parameter names are the tools' argument names on the wire, hence snake_case.
    [McpServerTool(Name = "claim_task", Title = "Claim a task", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Claims a ready (queued) task of a hybrid or external project for you: it becomes running under your claim " +
        "until lease_expires_at, then goes back to the queue. Returns the attempt number (pass it to submit_task or " +
        "release_task) and the prompt: the system part (instructions, the project's requirements, the plan, project " +
        "knowledge) and the task part (the task, its dependencies' outputs, reviewer feedback). Do the task as the prompt " +
        "says, then call submit_task with your result. Fails with the reason when the task is not ready, already claimed, or " +
        "the project is not executing or not in hybrid/external mode.")]
    public async Task<CallToolResult> ClaimTaskAsync(
        [Description("The task's id, from list_ready_tasks.")] string task_id, CancellationToken cancellationToken)
    {
        var userId = caller.UserId;
        var claim = await work.ClaimAsync(userId, task_id, cancellationToken) ?? throw NoSuchTask(task_id);
        if (claim.Refusal is { } refusal)
        {
            throw new McpException(refusal);
        }
        var title = (await tasks.GetAsync(userId, task_id, cancellationToken))?.Task.Title ?? "";
        var until = DateTimeOffset.FromUnixTimeMilliseconds((long)(claim.LeaseExpiresAt * 1000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var head = new McpClaim(task_id, title, claim.Attempt, claim.LeaseExpiresAt, until,
            $"Do the task below, then call submit_task(task_id, attempt={claim.Attempt}, output) before {until}; " +
            "or release_task if you cannot do it.");
        return new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = JsonSerializer.Serialize(head, McpWorkersExtensions.ToolJson) },
                new TextContentBlock { Text = "# System prompt\n\n" + claim.SystemPrompt },
                new TextContentBlock { Text = "# Task prompt\n\n" + claim.TaskPrompt },
            ],
        };
    }

    [McpServerTool(Name = "submit_task", Title = "Submit a task's result", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Submits your result for a task you claimed. The server checks it like any result: when its verifier finds " +
        "gaps the task goes back to the queue with the verifier's notes (claim it again: the notes are in the new prompt); " +
        "when it needs a person it waits for review; otherwise the task completes, its dependants become ready with your " +
        "output in their prompts, and the last result completes the project. The returned status says which. Fails when " +
        "the claim no longer holds (it expired, was released, or the task or project was cancelled or paused).")]
    public async Task<McpTaskState> SubmitTaskAsync(
        [Description("The task's id.")] string task_id,
        [Description("The attempt number claim_task returned.")] long attempt,
        [Description("The task's result: the text (code, document, answer) the task asked for. Files you wrote belong in the " +
            "project's workspace; say here what you did.")] string output,
        CancellationToken cancellationToken)
    {
        if (attempt < 1)
        {
            throw new McpException("'attempt' must be the attempt number claim_task returned (1 or more).");
        }
        if (string.IsNullOrWhiteSpace(output))
        {
            throw new McpException("'output' is empty: submit the task's result.");
        }
        if (output.Length > ExternalTasksApi.MaxOutputLength)
        {
            throw new McpException($"'output' is {output.Length} characters; at most {ExternalTasksApi.MaxOutputLength} are accepted.");
        }
        var userId = caller.UserId;
        Settled(task_id, await work.SubmitAsync(userId, task_id, attempt, output, cancellationToken));
        return await StateAsync(userId, task_id, "Call list_ready_tasks for the tasks that are ready now.", cancellationToken);
    }

    [McpServerTool(Name = "release_task", Title = "Release a claimed task", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Gives up a task you claimed: it goes back to the queue for another worker (or the server's executor in " +
        "hybrid mode). Fails when the claim no longer holds.")]
    public async Task<McpTaskState> ReleaseTaskAsync(
        [Description("The task's id.")] string task_id,
        [Description("The attempt number claim_task returned.")] long attempt,
        CancellationToken cancellationToken)
    {
        if (attempt < 1)
        {
            throw new McpException("'attempt' must be the attempt number claim_task returned (1 or more).");
        }
        var userId = caller.UserId;
        Settled(task_id, await work.ReleaseAsync(userId, task_id, attempt, cancellationToken));
        return await StateAsync(userId, task_id, "The task is back in the queue.", cancellationToken);
    }

    private async Task<McpTaskState> StateAsync(string userId, string taskId, string next, CancellationToken cancellationToken)
    {
        var view = await tasks.GetAsync(userId, taskId, cancellationToken) ?? throw NoSuchTask(taskId);
        return new McpTaskState(taskId, view.Task.Status, next);
    }

    private static void Settled(string taskId, ExternalWorkOutcome? outcome)
    {
        if (outcome is null)
        {
            throw NoSuchTask(taskId);
        }
        if (outcome.Refusal is { } refusal)
        {
            throw new McpException(refusal);
        }
    }

    private static McpException NoSuchTask(string taskId) =>
        new($"You have no task '{taskId}' (in any of your projects). list_ready_tasks shows the ids of a project's ready tasks.");
}
