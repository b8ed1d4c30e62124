using Dapper;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Users;

namespace Orchestration.Storage.Identities;

internal sealed class SqliteIdentityStore(SqliteDatabase database) : IIdentityStore
{
    public Task<UserIdentity?> FindAsync(string provider, string providerUserId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<UserIdentity>(IdentityRows.Find, new { provider, providerUserId }), cancellationToken);

    public Task<IReadOnlyList<UserIdentity>> ListAsync(string userId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<UserIdentity>>(async c =>
            (await c.QueryAsync<UserIdentity>(IdentityRows.ListOfUser, new { userId })).ToList(), cancellationToken);

    public Task<LinkOutcome> LinkAsync(string userId, string provider, string providerUserId, string? providerEmail, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => IdentityRows.LinkAsync(c, tx, userId, provider, providerUserId, providerEmail, now), cancellationToken);

    public Task<User?> CreateUserWithIdentityAsync(string email, string displayName, string provider, string providerUserId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => IdentityRows.CreateUserWithIdentityAsync(c, tx, email, displayName, provider, providerUserId, now), cancellationToken);

    public Task<UnlinkOutcome> UnlinkAsync(string userId, string provider, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => IdentityRows.UnlinkAsync(c, tx, userId, provider), cancellationToken);
}
