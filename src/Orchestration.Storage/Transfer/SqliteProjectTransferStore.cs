using System.Data;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Domain;
using Orchestration.Storage.Sqlite;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Transfer;

internal sealed partial class SqliteProjectTransferStore(SqliteDatabase database) : IProjectTransferStore
{
    public const int FormatVersion = 1;

    public Task<JsonObject?> ExportAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.ReadAsync<JsonObject?>(async c =>
        {
            var project = (await ReadRowsAsync(c, "projects", "id = @projectId AND owner_id = @ownerId", new { projectId, ownerId })).SingleOrDefault();
            if (project is null)
            {
                return null;
            }
            var document = new JsonObject { ["format_version"] = FormatVersion, ["exported_at"] = now, ["project"] = project };
            foreach (var (key, table, where) in TransferTables.Owned.Append(TransferTables.Usage))
            {
                document[key] = new JsonArray([.. await ReadRowsAsync(c, table, where, new { projectId })]);
            }
            return document;
        }, cancellationToken);

    public Task<string> ImportAsync(string ownerId, JsonObject document, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            var project = document["project"] as JsonObject ?? throw new TransferException("The document has no 'project' object.");
            var ids = NewIds(document);
            var newProjectId = ids.TryGetValue(project["id"]?.GetValue<string>() ?? "", out var mapped) ? mapped : Ids.New();
            var row = Remap(project, ids);
            row["id"] = newProjectId;
            row["owner_id"] = ownerId;
            row["status"] = ImportedProjectStatus(document);
            row["updated_at"] = now;
            row["planning_rigor"] ??= PlanningRigor.L2.ToWire();
            row["created_at"] ??= now;
            row["config"] ??= new JsonObject();
            await InsertAsync(c, tx, "projects", row);
            foreach (var (key, table, _) in TransferTables.Owned)
            {
                if (document[key] is not JsonArray rows || !await TableExistsAsync(c, tx, table))
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
                    await InsertAsync(c, tx, table, copy);
                }
            }
            return newProjectId;
        }, cancellationToken);

    public Task<string?> CloneAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<string?>(async (c, tx) =>
        {
            var project = (await ReadRowsAsync(c, "projects", "id = @projectId AND owner_id = @ownerId", new { projectId, ownerId }, tx)).SingleOrDefault();
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
            await InsertAsync(c, tx, "projects", project);

            var plan = (await ReadRowsAsync(c, "plans", $"project_id = @projectId AND status = '{PlanStatusNames.Approved}' ORDER BY version DESC LIMIT 1", new { projectId }, tx)).SingleOrDefault();
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
                await InsertAsync(c, tx, "plans", plan);
            }
            return newId;
        }, cancellationToken);

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

    private static async Task<List<JsonObject>> ReadRowsAsync(SqliteConnection c, string table, string where, object args, IDbTransaction? tx = null)
    {
        var rows = new List<JsonObject>();
        if (!await TableExistsAsync(c, tx, table))
        {
            return rows;
        }
        await using var reader = await c.ExecuteReaderAsync($"SELECT * FROM {table} WHERE {where}", args, tx);
        while (await reader.ReadAsync())
        {
            var row = new JsonObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = reader.GetName(i);
                row[name] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                {
                    string s when TransferTables.IsJsonColumn(name) => ParseOrText(s),
                    string s => JsonValue.Create(s),
                    long l => JsonValue.Create(l),
                    double d => JsonValue.Create(d),
                    byte[] b => JsonValue.Create(Convert.ToBase64String(b)),
                    var other => JsonValue.Create(other.ToString()),
                };
            }
            rows.Add(row);
        }
        return rows;
    }

    private static async Task InsertAsync(SqliteConnection c, IDbTransaction tx, string table, JsonObject row)
    {
        var columns = (await c.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}')", transaction: tx)).ToHashSet(StringComparer.Ordinal);
        var present = row.Where(p => columns.Contains(p.Key)).ToList();
        var parameters = new DynamicParameters();
        foreach (var (name, value) in present)
        {
            parameters.Add("p_" + name, ToDbValue(name, value));
        }
        var sql = $"INSERT INTO {table} ({string.Join(", ", present.Select(p => p.Key))}) VALUES ({string.Join(", ", present.Select(p => "@p_" + p.Key))})";
        try
        {
            await c.ExecuteAsync(sql, parameters, tx);
        }
        catch (SqliteException ex)
        {
            throw new TransferException($"The document's '{table}' rows cannot be imported: {ex.Message}");
        }
    }

    private static object? ToDbValue(string column, JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when TransferTables.IsJsonColumn(column) && v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ when TransferTables.IsJsonColumn(column) => value.ToJsonString(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => NumberOf(v.ToJsonString()),
            JsonValueKind.True => 1L,
            JsonValueKind.False => 0L,
            _ => v.ToJsonString(),
        },
        _ => value.ToJsonString(),
    };

    private static object NumberOf(string text) =>
        long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l)
            ? l
            : double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static JsonNode? ParseOrText(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static async Task<bool> TableExistsAsync(SqliteConnection c, IDbTransaction? tx, string table) =>
        await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table", new { table }, tx) > 0;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [GeneratedRegex("\\b[0-9a-f]{32}\\b")]
    private static partial Regex HexId();
}
