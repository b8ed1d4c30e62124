using System.Data;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Orchestration.Storage.Sqlite;

/// <summary>
/// Statements of the execution hot path, prepared once per connection and reused: SQLite compiles a statement every
/// time a new command runs it, and for the executor's few statements per task the compiling costs as much as the
/// work. Meant for the write connection (<see cref="SqliteDatabase.WriteAsync{T}"/>), which one writer uses at a time.
/// </summary>
public static class PreparedStatements
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Commands = new();

    /// <summary>The connection's command for <paramref name="sql"/>, in <paramref name="transaction"/>, with no
    /// parameters bound yet.</summary>
    public static SqliteCommand Prepared(this SqliteConnection connection, IDbTransaction transaction, string sql)
    {
        var commands = Commands.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }
        command.Transaction = (SqliteTransaction)transaction;
        command.Parameters.Clear();
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>The first row mapped as Dapper maps it (snake_case columns to properties), or default.</summary>
    public static T? FirstOrDefault<T>(this SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetRowParser<T>()(reader) : default;
    }

    /// <summary>Every row, mapped as Dapper maps it.</summary>
    public static List<T> ToList<T>(this SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        if (reader.Read())
        {
            var parse = reader.GetRowParser<T>();
            do
            {
                rows.Add(parse(reader));
            }
            while (reader.Read());
        }
        return rows;
    }

    /// <summary>The first column of every row, as text.</summary>
    public static List<string> Strings(this SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
