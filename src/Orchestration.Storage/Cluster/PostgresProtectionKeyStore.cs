using Dapper;
using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Cluster;

// NOTE: synchronous, as the key ring's repository interface is; it is read when the ring is first built or refreshed
// (about daily, or when a token names a key this node has not seen), never per request.
internal sealed class PostgresProtectionKeyStore(PostgresDatabase database) : IProtectionKeyStore
{
    public IReadOnlyList<string> All() =>
        database.ReadAsync(async c => (IReadOnlyList<string>)(await c.QueryAsync<string>("SELECT xml FROM protection_keys ORDER BY created_at, name")).AsList(),
            CancellationToken.None).GetAwaiter().GetResult();

    public Task ExclusivelyAsync(Action work, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await PostgresLocks.TakeAsync(c, tx, PostgresLocks.ProtectionKeys);
            work();
            return true;
        }, cancellationToken);

    public void Add(string name, string xml, double now) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(
                "INSERT INTO protection_keys (name, xml, created_at) VALUES (@name, @xml, @now) ON CONFLICT (name) DO NOTHING",
                new { name, xml, now }, tx), CancellationToken.None)
            .GetAwaiter().GetResult();
}
