using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.ApiKeys;

internal sealed class SqliteApiKeyStore(SqliteDatabase database) : IApiKeyStore
{
    public Task<ApiKey> CreateAsync(string userId, string name, string keyHash, string keyPrefix, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            var key = new ApiKey { Id = Ids.New(), UserId = userId, Name = name, KeyPrefix = keyPrefix, CreatedAt = now };
            await c.ExecuteAsync(ApiKeySql.Insert, new { key.Id, key.UserId, key.Name, keyHash, key.KeyPrefix, key.CreatedAt }, tx);
            return key;
        }, cancellationToken);

    public Task<IReadOnlyList<ApiKey>> ListAsync(string userId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiKey>>(async c => (await c.QueryAsync<ApiKey>(ApiKeySql.ListOfUser, new { userId })).ToList(),
            cancellationToken);

    public Task<bool> RevokeAsync(string userId, string keyId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
            await c.ExecuteAsync(ApiKeySql.Revoke, new { keyId, userId, inactive = false }, tx) > 0, cancellationToken);

    public async Task<ApiKey?> UseAsync(string keyHash, double now, CancellationToken cancellationToken)
    {
        var key = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<ApiKey>(ApiKeySql.ActiveByHash, new { keyHash, active = true }), cancellationToken);
        if (key is not null && ApiKeySql.NeedsMarking(key, now))
        {
            await database.WriteAsync((c, tx) => c.ExecuteAsync(ApiKeySql.MarkUsed, new { now, key.Id }, tx), cancellationToken);
        }
        return key;
    }
}
