using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.ApiKeys;

internal sealed class SqliteApiKeyStore(SqliteDatabase database) : IApiKeyStore
{
    private const string Columns = "id, user_id, name, key_prefix, is_active, created_at, last_used_at";

    public Task<ApiKey> CreateAsync(string userId, string name, string keyHash, string keyPrefix, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            var key = new ApiKey { Id = Ids.New(), UserId = userId, Name = name, KeyPrefix = keyPrefix, CreatedAt = now };
            await c.ExecuteAsync(
                "INSERT INTO api_keys (id, user_id, name, key_hash, key_prefix, created_at) VALUES (@Id, @UserId, @Name, @keyHash, @KeyPrefix, @CreatedAt)",
                new { key.Id, key.UserId, key.Name, keyHash, key.KeyPrefix, key.CreatedAt }, tx);
            return key;
        }, cancellationToken);

    public Task<IReadOnlyList<ApiKey>> ListAsync(string userId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiKey>>(async c => (await c.QueryAsync<ApiKey>(
            $"SELECT {Columns} FROM api_keys WHERE user_id = @userId ORDER BY created_at DESC, id DESC", new { userId })).ToList(),
            cancellationToken);

    public Task<bool> RevokeAsync(string userId, string keyId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
            await c.ExecuteAsync("UPDATE api_keys SET is_active = 0 WHERE id = @keyId AND user_id = @userId", new { keyId, userId }, tx) > 0,
            cancellationToken);

    public async Task<ApiKey?> UseAsync(string keyHash, double now, CancellationToken cancellationToken)
    {
        var key = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<ApiKey>(
            $"SELECT {Columns} FROM api_keys WHERE key_hash = @keyHash AND is_active = 1", new { keyHash }), cancellationToken);
        // NOTE: last_used_at is refreshed at most once a minute so that authenticating is not a write per request.
        if (key is not null && (key.LastUsedAt is null || key.LastUsedAt < now - 60))
        {
            await database.WriteAsync((c, tx) => c.ExecuteAsync(
                "UPDATE api_keys SET last_used_at = @now WHERE id = @Id", new { now, key.Id }, tx), cancellationToken);
        }
        return key;
    }
}
