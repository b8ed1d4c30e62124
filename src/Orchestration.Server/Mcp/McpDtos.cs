namespace Orchestration.Server.Mcp;

// What the MCP tools return, serialized with the API's snake_case JSON (JsonDefaults) into the tools' text content.

/// <summary>list_projects: the caller's projects, newest first.</summary>
internal sealed record McpProjectList(IReadOnlyList<McpProject> Projects, long Total);

/// <summary>A project as list_projects shows it; execution_mode says whether external workers may claim its tasks.</summary>
internal sealed record McpProject(string Id, string Name, string Status, string ExecutionMode);

/// <summary>list_ready_tasks: the tasks a claim_task would take now, and a note when nothing can be claimed or why.</summary>
internal sealed record McpReadyTasks(string ProjectId, string ProjectStatus, string ExecutionMode, IReadOnlyList<McpReadyTask> Tasks, string? Note);

internal sealed record McpReadyTask(string Id, string Title, string Description, string TaskType, int Wave, IReadOnlyList<string> DependsOn);

/// <summary>The head of claim_task's answer (the prompt follows as text).</summary>
internal sealed record McpClaim(string TaskId, string Title, long Attempt, double LeaseExpiresAt, string LeaseExpiresAtUtc, string Next);

/// <summary>submit_task and release_task: the task's status afterwards.</summary>
internal sealed record McpTaskState(string TaskId, string Status, string Next);
