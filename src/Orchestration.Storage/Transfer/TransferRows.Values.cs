using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orchestration.Storage.Transfer;

/// <summary>Rows as JSON objects and back.</summary>
internal static partial class TransferRows
{
    private static async Task<List<JsonObject>> ReadRowsAsync(
        IDbConnection c, IDbTransaction? tx, SqlDialect dialect, string table, string where, object args)
    {
        var rows = new List<JsonObject>();
        if (!await TableExistsAsync(c, tx, dialect, table))
        {
            return rows;
        }
        // Dapper hands a DbConnection's reader back as the DbDataReader it is.
        await using var reader = (DbDataReader)await c.ExecuteReaderAsync($"SELECT * FROM {table} WHERE {where}", args, tx);
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
                    // PostgreSQL's flags are written as SQLite keeps them, so the document reads the same from either.
                    bool b => JsonValue.Create(b ? 1L : 0L),
                    byte[] b => JsonValue.Create(Convert.ToBase64String(b)),
                    var other => JsonValue.Create(other.ToString()),
                };
            }
            rows.Add(row);
        }
        return rows;
    }

    private static async Task InsertAsync(IDbConnection c, IDbTransaction tx, SqlDialect dialect, string table, JsonObject row)
    {
        var columns = (await c.QueryAsync<(string Name, string Type)>(dialect.TableColumns, new { table }, tx))
            .ToDictionary(x => x.Name, x => x.Type, StringComparer.Ordinal);
        var present = row.Where(p => columns.ContainsKey(p.Key)).ToList();
        var parameters = new DynamicParameters();
        foreach (var (name, value) in present)
        {
            parameters.Add("p_" + name, ToDbValue(name, columns[name], value));
        }
        var sql = $"INSERT INTO {table} ({string.Join(", ", present.Select(p => p.Key))}) VALUES ({string.Join(", ", present.Select(p => "@p_" + p.Key))})";
        try
        {
            await c.ExecuteAsync(sql, parameters, tx);
        }
        catch (Exception ex) when (ex is SqliteException or PostgresException)
        {
            throw new TransferException($"The document's '{table}' rows cannot be imported: {ex.Message}");
        }
    }

    // NOTE: SQLite converts a value to its column's affinity on its own; PostgreSQL refuses a value of another type, so
    // values are converted for its column types ("boolean", "text"; SQLite declares "INTEGER", "TEXT").
    private static object? ToDbValue(string column, string type, JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when TransferTables.IsJsonColumn(column) && v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ when TransferTables.IsJsonColumn(column) => value.ToJsonString(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number when type == "boolean" => NumberOf(v.ToJsonString()) is not (0L or 0.0),
            JsonValueKind.Number when type == "text" => v.ToJsonString(),
            JsonValueKind.Number => NumberOf(v.ToJsonString()),
            JsonValueKind.True => type == "boolean" ? true : 1L,
            JsonValueKind.False => type == "boolean" ? false : 0L,
            _ => v.ToJsonString(),
        },
        _ => value.ToJsonString(),
    };

    private static object NumberOf(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)
            ? l
            : double.Parse(text, CultureInfo.InvariantCulture);

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
}
