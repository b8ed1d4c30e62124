using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Users;

namespace Orchestration.Storage.Identities;

internal sealed class SqliteIdentityStore(SqliteDatabase database) : IIdentityStore
{
    private const string Columns = "id, user_id, provider, provider_user_id, provider_email, created_at";

    public Task<UserIdentity?> FindAsync(string provider, string providerUserId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<UserIdentity>(
            $"SELECT {Columns} FROM user_identities WHERE provider = @provider AND provider_user_id = @providerUserId",
            new { provider, providerUserId }), cancellationToken);

    public Task<IReadOnlyList<UserIdentity>> ListAsync(string userId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<UserIdentity>>(async c => (await c.QueryAsync<UserIdentity>(
            $"SELECT {Columns} FROM user_identities WHERE user_id = @userId ORDER BY created_at DESC", new { userId })).ToList(), cancellationToken);

    public Task<LinkOutcome> LinkAsync(string userId, string provider, string providerUserId, string? providerEmail, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            var owner = await c.ExecuteScalarAsync<string?>(
                "SELECT user_id FROM user_identities WHERE provider = @provider AND provider_user_id = @providerUserId",
                new { provider, providerUserId }, tx);
            if (owner is not null)
            {
                return owner == userId ? LinkOutcome.Linked : LinkOutcome.AlreadyLinkedToOther;
            }
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM user_identities WHERE user_id = @userId AND provider = @provider", new { userId, provider }, tx) > 0)
            {
                return LinkOutcome.ProviderAlreadyLinked;
            }
            await Insert(c, tx, userId, provider, providerUserId, providerEmail, now);
            return LinkOutcome.Linked;
        }, cancellationToken);

    public Task<User?> CreateUserWithIdentityAsync(string email, string displayName, string provider, string providerUserId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE email = @email", new { email }, tx) > 0)
            {
                return null;
            }
            var isFirst = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users", transaction: tx) == 0;
            var user = new User
            {
                Id = Ids.New(), Email = email, DisplayName = displayName, PasswordHash = null,
                Role = (isFirst ? UserRole.Admin : UserRole.User).ToWire(), IsActive = true, CreatedAt = now,
            };
            await c.ExecuteAsync(
                "INSERT INTO users (id, email, display_name, password_hash, role, is_active, created_at) VALUES (@Id, @Email, @DisplayName, NULL, @Role, 1, @CreatedAt)",
                user, tx);
            await Insert(c, tx, user.Id, provider, providerUserId, email, now);
            return user;
        }, cancellationToken);

    public Task<UnlinkOutcome> UnlinkAsync(string userId, string provider, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            var linked = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM user_identities WHERE user_id = @userId", new { userId }, tx);
            var isLinked = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM user_identities WHERE user_id = @userId AND provider = @provider", new { userId, provider }, tx) > 0;
            if (!isLinked)
            {
                return UnlinkOutcome.NotLinked;
            }
            var hasPassword = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE id = @userId AND password_hash IS NOT NULL", new { userId }, tx) > 0;
            if (!hasPassword && linked <= 1)
            {
                return UnlinkOutcome.LastSignInMethod;
            }
            await c.ExecuteAsync("DELETE FROM user_identities WHERE user_id = @userId AND provider = @provider", new { userId, provider }, tx);
            return UnlinkOutcome.Unlinked;
        }, cancellationToken);

    private static Task Insert(System.Data.IDbConnection c, System.Data.IDbTransaction tx, string userId, string provider, string providerUserId, string? providerEmail, double now) =>
        c.ExecuteAsync(
            "INSERT INTO user_identities (id, user_id, provider, provider_user_id, provider_email, created_at) VALUES (@id, @userId, @provider, @providerUserId, @providerEmail, @now)",
            new { id = Ids.New(), userId, provider, providerUserId, providerEmail, now }, tx);
}
