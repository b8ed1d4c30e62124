using Dapper;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Storage.Execution.Postgres;

// What an attempt needs to build its prompt, read inside the claim's own transaction.
internal sealed partial class PostgresExecutionTransaction
{
    // More findings than any prompt can hold; the prompt builder takes the newest that fit. Only accepted findings enter
    // prompts: proposed ones wait for a person, rejected ones never do.
    private const int MaxKnowledgeRead = 500;

    // The plan's summary is read by the database: plans can be large and only the summary goes into the prompt.
    private const string ProjectContextSql =
        """
        SELECT p.owner_id, p.name, p.requirements, json_field_or_null(pl.plan_json, 'summary') AS plan_summary
        FROM projects p LEFT JOIN plans pl ON pl.id = @planId
        WHERE p.id = @projectId
        """;

    private const string DependencyOutputsSql =
        """
        SELECT t.id AS task_id, t.title, t.output_text, t.skipped
        FROM task_dependencies d JOIN tasks t ON t.id = d.depends_on_id
        WHERE d.task_id = @taskId ORDER BY t.task_index
        """;

    private static readonly string KnowledgeSql =
        $"""
        SELECT {KnowledgeRows.Columns} FROM project_knowledge WHERE project_id = @projectId AND status = 'accepted'
        ORDER BY created_at DESC, id DESC LIMIT {MaxKnowledgeRead}
        """;

    public async Task<AttemptContext> AttemptContextAsync(AttemptKey key, ExecutionTask task)
    {
        await LockProjectAsync(key.ProjectId);
        var project = await c.QuerySingleOrDefaultAsync<ProjectContextRow>(ProjectContextSql, new { projectId = key.ProjectId, planId = task.PlanId }, tx)
            ?? throw new InvalidOperationException($"Project {key.ProjectId} vanished inside its own claim.");
        var dependencies = (await c.QueryAsync<DependencyRow>(DependencyOutputsSql, new { taskId = key.TaskId }, tx))
            .Select(d => new DependencyOutput(d.TaskId, d.Title, d.Skipped ? null : d.OutputText, d.Skipped)).ToList();
        var knowledge = (await c.QueryAsync<KnowledgeRecord>(KnowledgeSql, new { projectId = key.ProjectId }, tx)).AsList();
        return new AttemptContext(key, task, project.OwnerId, project.Name, project.Requirements, project.PlanSummary, dependencies)
        {
            Knowledge = knowledge,
        };
    }

    private sealed class ProjectContextRow
    {
        public string OwnerId { get; init; } = "";
        public string Name { get; init; } = "";
        public string Requirements { get; init; } = "";
        public string? PlanSummary { get; init; }
    }

    private sealed class DependencyRow
    {
        public string TaskId { get; init; } = "";
        public string Title { get; init; } = "";
        public string? OutputText { get; init; }
        public bool Skipped { get; init; }
    }
}
