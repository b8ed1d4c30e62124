using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Orchestration.Core.Domain;
using Orchestration.Storage.Projects;
using Orchestration.Storage.Tasks;

namespace Orchestration.Server.Mcp;

/// <summary>MCP tools to find work: the caller's projects and the tasks of one that are ready to claim.</summary>
[McpServerToolType]
internal sealed class WorkerProjectTools(McpCaller caller, IProjectStore projects, ITaskReadStore tasks, TimeProvider time)
{
    public const int MaxProjects = 200;

    [McpServerTool(Name = "list_projects", Title = "List projects", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists your projects on this Orchestration Engine server, newest first (at most 200): id, name, status and " +
        "execution_mode. You can work on a project's tasks when its execution_mode is 'hybrid' or 'external' and its status is " +
        "executing. Next: list_ready_tasks with a project's id.")]
    public async Task<McpProjectList> ListProjectsAsync(CancellationToken cancellationToken)
    {
        var (items, total) = await projects.ListAsync(caller.UserId, null, 0, MaxProjects, cancellationToken);
        return new McpProjectList(
            [.. items.Select(i => new McpProject(i.Project.Id, i.Project.Name, i.Project.Status, ExecutionModes.Of(i.Project.Config)))], total);
    }

    // NOTE: parameter names are the tools' argument names on the wire, hence snake_case.
    [McpServerTool(Name = "list_ready_tasks", Title = "List ready tasks", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists the tasks of a project that are ready to be claimed now (queued: every dependency is done), in plan " +
        "order: id, title, description, task_type, wave and depends_on (ids of tasks whose outputs the claim's prompt will " +
        "include). 'note' says why nothing can be claimed (the project's mode or status) or what to expect. Next: claim_task " +
        "with a task's id.")]
    public async Task<McpReadyTasks> ListReadyTasksAsync(
        [Description("The project's id, from list_projects.")] string project_id, CancellationToken cancellationToken)
    {
        var userId = caller.UserId;
        var project = await projects.GetAsync(userId, project_id, cancellationToken)
            ?? throw new McpException($"You have no project '{project_id}'. list_projects shows the ids of yours.");
        var page = await tasks.ListAsync(userId, project_id, new TaskQuery(Status: TaskItemStatus.Queued, ExcludeOutput: true), cancellationToken)
            ?? throw new McpException($"You have no project '{project_id}'. list_projects shows the ids of yours.");
        var now = time.NowEpoch();
        var ready = page.Items.Where(v => v.Task.NotBefore is not { } notBefore || notBefore <= now).ToList();
        var mode = ExecutionModes.Of(project.Config);
        var note = Note(project.Status, mode, ready.Count, page.Items.Count - ready.Count);
        return new McpReadyTasks(project.Id, project.Status, mode,
            [.. ready.Select(v => new McpReadyTask(v.Task.Id, v.Task.Title, v.Task.Description, v.Task.TaskType, (int)v.Task.Wave, v.DependsOn))], note);
    }

    private static string? Note(string status, string mode, int ready, int delayed)
    {
        if (!ExecutionModes.AllowsExternalWorkers(mode))
        {
            return $"This project's execution_mode is {mode}: the server runs its tasks itself and none can be claimed. Its owner can set " +
                "config.execution_mode to 'hybrid' or 'external' (PATCH /api/projects/{id}).";
        }
        if (status != ProjectStatus.Executing.ToWire())
        {
            return $"The project is {status}, not executing: tasks can be claimed only while it runs (POST /api/projects/{{id}}/execute).";
        }
        var notes = new List<string>();
        if (ready == 0)
        {
            notes.Add("No task is ready now: the others are running (claimed, or run by the server) or wait for their dependencies. " +
                "Call again after a submit_task, or a little later.");
        }
        else if (mode == ExecutionModes.Hybrid)
        {
            notes.Add("In hybrid mode the server's executor takes ready tasks too: a claim may find a task already running; then pick another.");
        }
        if (delayed > 0)
        {
            notes.Add($"{delayed} more queued task(s) wait out a retry delay and can be claimed later.");
        }
        return notes.Count == 0 ? null : string.Join(" ", notes);
    }
}
