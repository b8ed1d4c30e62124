namespace Orchestration.Storage.Transfer;

/// <summary>What a project consists of, table by table, in insertion order (parents first).</summary>
internal static class TransferTables
{
    /// <summary>(document key, table, WHERE clause selecting the project's rows).</summary>
    public static readonly (string Key, string Table, string Where)[] Owned =
    [
        ("plans", "plans", "project_id = @projectId"),
        ("tasks", "tasks", "project_id = @projectId"),
        ("task_dependencies", "task_dependencies", "task_id IN (SELECT id FROM tasks WHERE project_id = @projectId)"),
        ("execution_runs", "execution_runs", "project_id = @projectId"),
        ("events", "events", "project_id = @projectId"),
        ("checkpoints", "checkpoints", "project_id = @projectId"),
        ("knowledge", "project_knowledge", "project_id = @projectId"),
    ];

    /// <summary>Exported for the record, never imported: spend belongs to the original project's budget history.</summary>
    public static readonly (string Key, string Table, string Where) Usage = ("usage", "usage_records", "project_id = @projectId");

    /// <summary>Columns holding JSON text, exported as JSON values.</summary>
    public static bool IsJsonColumn(string column) => column.EndsWith("_json", StringComparison.Ordinal) || column == "config";
}
