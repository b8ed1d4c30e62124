using Orchestration.Storage.Knowledge;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Execution.Sqlite;

// What an attempt needs to build its prompt, read inside the claim's own transaction.
internal sealed partial class SqliteExecutionTransaction
{
    // More findings than any prompt can hold; the prompt builder takes the newest that fit. Only accepted findings enter
    // prompts: proposed ones wait for a person, rejected ones never do.
    private const int MaxKnowledgeRead = 500;

    // The plan's summary is read by SQLite itself: plans can be large and only the summary goes into the prompt.
    private const string ProjectContextSql =
        """
        SELECT p.owner_id, p.name, p.requirements,
               CASE WHEN json_valid(pl.plan_json) THEN json_extract(pl.plan_json, '$.summary') END AS plan_summary
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

    public Task<AttemptContext> AttemptContextAsync(AttemptKey key, ExecutionTask task)
    {
        var project = c.Prepared(tx, ProjectContextSql).With("@projectId", key.ProjectId).With("@planId", task.PlanId)
            .FirstOrDefault<ProjectContextRow>() ?? throw new InvalidOperationException($"Project {key.ProjectId} vanished inside its own claim.");
        var dependencies = c.Prepared(tx, DependencyOutputsSql).With("@taskId", key.TaskId).ToList<DependencyRow>()
            .Select(d => new DependencyOutput(d.TaskId, d.Title, d.Skipped ? null : d.OutputText, d.Skipped)).ToList();
        var knowledge = c.Prepared(tx, KnowledgeSql).With("@projectId", key.ProjectId).ToList<KnowledgeRecord>();
        return Task.FromResult(new AttemptContext(key, task, project.OwnerId, project.Name, project.Requirements, project.PlanSummary, dependencies)
        {
            Knowledge = knowledge,
        });
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
