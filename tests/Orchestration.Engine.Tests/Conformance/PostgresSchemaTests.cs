using Dapper;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The PostgreSQL migrations produce SQLite's schema: the same tables, columns (in order, with nullability and
/// compatible types), keys, unique constraints, foreign keys and indexes.</summary>
public sealed class PostgresSchemaTests(PostgresServer server)
{
    // PostgreSQL only: the per-project event counter (SQLite numbers events under its single writer).
    private static readonly string[] PostgresOnly = ["event_sequences"];

    // How each SQLite storage class is declared on PostgreSQL (INTEGER flags are BOOLEAN; schema versions stay INTEGER).
    private static readonly Dictionary<string, string[]> Types = new(StringComparer.Ordinal)
    {
        ["TEXT"] = ["text"],
        ["INTEGER"] = ["bigint", "boolean", "integer"],
        ["REAL"] = ["double precision"],
    };

    [Fact]
    public async Task The_postgres_schema_has_the_sqlite_schemas_tables_columns_keys_and_indexes()
    {
        await using var sqlite = await SqliteBackend.CreateAsync();
        await using var postgres = await PostgresBackend.CreateAsync(server);
        await using var s = await sqlite.OpenAsync();
        await using var p = await postgres.OpenAsync();

        var sqliteTables = (await s.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).ToList();
        var postgresTables = (await p.QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")).ToList();
        Assert.Equal(sqliteTables, postgresTables.Except(PostgresOnly));

        foreach (var table in sqliteTables)
        {
            var expected = (await s.QueryAsync<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk)>($"PRAGMA table_info({table})"))
                .Select(c => (c.Name, NotNull: c.NotNull == 1 || c.Pk > 0, Pk: c.Pk > 0, c.Type)).ToList();
            var actual = (await p.QueryAsync<(string Name, bool NotNull, bool Pk, string Type)>(
                """
                SELECT a.attname, a.attnotnull, COALESCE(i.indisprimary, false), format_type(a.atttypid, NULL)
                FROM pg_attribute a
                LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary AND a.attnum = ANY(i.indkey)
                WHERE a.attrelid = CAST(@table AS regclass) AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum
                """, new { table })).ToList();
            Assert.Equal(expected.Select(c => (c.Name, c.NotNull, c.Pk)), actual.Select(c => (c.Name, c.NotNull, c.Pk)));
            Assert.All(expected.Zip(actual), pair => Assert.Contains(pair.Second.Type, Types[pair.First.Type]));
        }

        Assert.Equal(await SqliteForeignKeysAsync(s, sqliteTables), (await p.QueryAsync<string>(
            """
            SELECT cl.relname || '.' || a.attname || ' -> ' || fcl.relname || '.' || fa.attname || ' ' ||
                   CASE con.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'NO ACTION' END
            FROM pg_constraint con
            JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_class fcl ON fcl.oid = con.confrelid
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
            JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[1]
            WHERE con.contype = 'f' AND cl.relnamespace = CAST(current_schema() AS regnamespace)
            """)).Where(fk => !PostgresOnly.Any(t => fk.StartsWith(t + ".", StringComparison.Ordinal))).Order());

        Assert.Equal(await SqliteUniquesAsync(s, sqliteTables), (await p.QueryAsync<string>(
            """
            SELECT cl.relname || '(' || string_agg(a.attname, ', ' ORDER BY k.n) || ')'
            FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid
            CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
            WHERE con.contype = 'u' AND cl.relnamespace = CAST(current_schema() AS regnamespace)
            GROUP BY cl.relname, con.conname
            """)).Order());

        Assert.Equal(
            await s.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"),
            await p.QueryAsync<string>(
                """
                SELECT i.indexname FROM pg_indexes i
                WHERE i.schemaname = current_schema()
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conname = i.indexname)
                ORDER BY i.indexname
                """));
    }

    private static async Task<IEnumerable<string>> SqliteForeignKeysAsync(System.Data.Common.DbConnection s, IEnumerable<string> tables)
    {
        var keys = new List<string>();
        foreach (var table in tables)
        {
            keys.AddRange((await s.QueryAsync<(long Id, long Seq, string Table, string From, string To, string OnUpdate, string OnDelete, string Match)>(
                $"PRAGMA foreign_key_list({table})")).Select(k => $"{table}.{k.From} -> {k.Table}.{k.To} {k.OnDelete}"));
        }
        return keys.Order();
    }

    private static async Task<IEnumerable<string>> SqliteUniquesAsync(System.Data.Common.DbConnection s, IEnumerable<string> tables)
    {
        var uniques = new List<string>();
        foreach (var table in tables)
        {
            foreach (var index in (await s.QueryAsync<(long Seq, string Name, long Unique, string Origin, long Partial)>($"PRAGMA index_list({table})"))
                .Where(i => i.Origin == "u"))
            {
                var columns = (await s.QueryAsync<(long SeqNo, long Cid, string Name)>($"PRAGMA index_info({index.Name})")).OrderBy(c => c.SeqNo).Select(c => c.Name);
                uniques.Add($"{table}({string.Join(", ", columns)})");
            }
        }
        return uniques.Order();
    }
}
