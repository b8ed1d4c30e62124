using System.Data;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Transfer;

/// <summary>Export, import and clone of whole projects on a caller's connection, in SQL every backend shares but for what
/// <see cref="SqlDialect"/> spells. The document is the same whichever backend wrote it (flags as 0/1), so a project
/// exported from one backend imports into the other.</summary>
internal static partial class TransferRows
{
    public const int FormatVersion = 1;

    public static async Task<JsonObject?> ExportAsync(IDbConnection c, SqlDialect dialect, string ownerId, string projectId, double now)
    {
        var project = (await ReadRowsAsync(c, null, dialect, "projects", "id = @projectId AND owner_id = @ownerId", new { projectId, ownerId })).SingleOrDefault();
        if (project is null)
        {
            return null;
        }
        var document = new JsonObject { ["format_version"] = FormatVersion, ["exported_at"] = now, ["project"] = project };
        foreach (var (key, table, where) in TransferTables.Owned.Append(TransferTables.Usage))
        {
            document[key] = new JsonArray([.. await ReadRowsAsync(c, null, dialect, table, where, new { projectId })]);
        }
        return document;
    }

    public static async Task<string> ImportAsync(IDbConnection c, IDbTransaction tx, SqlDialect dialect, string ownerId, JsonObject document, double now)
    {
        var project = document["project"] as JsonObject ?? throw new TransferException("The document has no 'project' object.");
        var ids = NewIds(document);
        var newProjectId = ids.TryGetValue(project["id"]?.GetValue<string>() ?? "", out var mapped) ? mapped : Ids.New();
        var row = Remap(project, ids);
        row["id"] = newProjectId;
        row["owner_id"] = ownerId;
        row["status"] = ImportedProjectStatus(document);
        row["updated_at"] = now;
        // A re-plan waiting for a decision does not travel: the copy is not running.
        row["replan_hold_since"] = null;
        row["planning_rigor"] ??= PlanningRigor.L2.ToWire();
        row["created_at"] ??= now;
        row["config"] ??= new JsonObject();
        await InsertAsync(c, tx, dialect, "projects", row);
        foreach (var (key, table, _) in TransferTables.Owned)
        {
            if (document[key] is not JsonArray rows || !await TableExistsAsync(c, tx, dialect, table))
            {
                continue;
            }
            foreach (var item in rows.OfType<JsonObject>())
            {
                var copy = Remap(item, ids);
                copy["project_id"] = newProjectId;
                if (table == "tasks" && copy["status"]?.GetValue<string>() is TaskStatusNames.Running or TaskStatusNames.Queued)
                {
                    // An attempt in flight at export time starts over in the copy.
                    copy["status"] = TaskStatusNames.Pending;
                    copy["lease_owner"] = null;
                    copy["lease_expires_at"] = null;
                }
                if (table == "task_dependencies")
                {
                    copy.Remove("project_id");
                }
                await InsertAsync(c, tx, dialect, table, copy);
            }
        }
        return newProjectId;
    }

    public static async Task<string?> CloneAsync(IDbConnection c, IDbTransaction tx, SqlDialect dialect, string ownerId, string projectId, double now)
    {
        var project = (await ReadRowsAsync(c, tx, dialect, "projects", "id = @projectId AND owner_id = @ownerId", new { projectId, ownerId })).SingleOrDefault();
        if (project is null)
        {
            return null;
        }
        var newId = Ids.New();
        project["id"] = newId;
        project["name"] = Truncate(project["name"]!.GetValue<string>() + " (clone)", 200);
        project["status"] = ProjectStatus.Draft.ToWire();
        project["status_reason"] = null;
        project["created_at"] = now;
        project["updated_at"] = now;
        project["completed_at"] = null;
        project["replan_hold_since"] = null;
        await InsertAsync(c, tx, dialect, "projects", project);

        var plan = (await ReadRowsAsync(c, tx, dialect, "plans",
            $"project_id = @projectId AND status = '{PlanStatusNames.Approved}' ORDER BY version DESC LIMIT 1", new { projectId })).SingleOrDefault();
        if (plan is not null)
        {
            plan["id"] = Ids.New();
            plan["project_id"] = newId;
            plan["version"] = 1;
            plan["status"] = PlanStatus.Draft.ToWire();
            plan["created_at"] = now;
            plan["approved_at"] = null;
            plan["cost_nanos"] = 0;
            plan["prompt_tokens"] = 0;
            plan["completion_tokens"] = 0;
            // The copy's plan is a first plan: whole, approved as any draft, not swapped into a run.
            plan["replan_of"] = null;
            plan["kept_task_ids_json"] = null;
            await InsertAsync(c, tx, dialect, "plans", plan);
        }
        return newId;
    }

    private static string ImportedProjectStatus(JsonObject document)
    {
        var status = document["project"]?["status"]?.GetValue<string>() ?? ProjectStatusNames.Draft;
        var hasApproved = document["plans"] is JsonArray plans && plans.Any(p => p?["status"]?.GetValue<string>() == PlanStatusNames.Approved);
        // Work in flight does not travel: the copy waits for its owner to execute it again.
        return status switch
        {
            ProjectStatusNames.Completed or ProjectStatusNames.Failed or ProjectStatusNames.Cancelled or ProjectStatusNames.Draft
                or ProjectStatusNames.Ready => status,
            _ => hasApproved ? ProjectStatus.Ready.ToWire() : ProjectStatus.Draft.ToWire(),
        };
    }

    /// <summary>A fresh id for every id in the document, so the copy shares none with the original.</summary>
    private static Dictionary<string, string> NewIds(JsonObject document)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(JsonNode? row)
        {
            if (row?["id"] is JsonValue v && v.TryGetValue<string>(out var id) && !ids.ContainsKey(id))
            {
                ids[id] = Ids.New();
            }
        }
        Add(document["project"]);
        foreach (var (key, _, _) in TransferTables.Owned)
        {
            foreach (var row in document[key] as JsonArray ?? [])
            {
                Add(row);
            }
        }
        return ids;
    }

    /// <summary>Copies a row, replacing every old id wherever it appears (id columns and inside JSON/text).</summary>
    private static JsonObject Remap(JsonObject row, Dictionary<string, string> ids)
    {
        var text = row.ToJsonString();
        text = HexId().Replace(text, m => ids.TryGetValue(m.Value, out var replacement) ? replacement : m.Value);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<bool> TableExistsAsync(IDbConnection c, IDbTransaction? tx, SqlDialect dialect, string table) =>
        await c.ExecuteScalarAsync<long>(dialect.TableExists, new { table }, tx) > 0;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [GeneratedRegex("\\b[0-9a-f]{32}\\b")]
    private static partial Regex HexId();
}
