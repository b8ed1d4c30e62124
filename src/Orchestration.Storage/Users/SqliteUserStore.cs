using Dapper;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Users;

internal sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string RevokeTokens =
        "UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, strftime('%s','now')) WHERE user_id = @userId";

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<User>(
            new CommandDefinition(UserRows.ByEmail, new { email }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<User>(
            new CommandDefinition(UserRows.ById, new { userId = id }, cancellationToken: cancellationToken)), cancellationToken);

    // NOTE: the write lock is held (BEGIN IMMEDIATE), so exactly one concurrent registration sees zero users.
    public Task<User?> CreateAsync(string email, string displayName, string passwordHash, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => UserRows.CreateAsync(c, tx, email, displayName, passwordHash, now), cancellationToken);

    public Task RecordFailedLoginAsync(string userId, double now, LockoutPolicy policy, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(
            UserRows.RecordFailedLogin, new { userId, now, window = policy.WindowSeconds, threshold = policy.Threshold }, tx), cancellationToken);

    public Task RecordSuccessfulLoginAsync(string userId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(UserRows.RecordSuccessfulLogin, new { userId, now }, tx), cancellationToken);

    public Task UpdatePasswordHashAsync(string userId, string passwordHash, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(UserRows.UpdatePasswordHash, new { userId, passwordHash }, tx), cancellationToken);

    public Task<IReadOnlyList<UserWithCounts>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(UserRows.ListAsync, cancellationToken);

    public Task<AdminUpdateResult> UpdateByAdminAsync(string userId, bool? isActive, string? role, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => UserRows.UpdateByAdminAsync(c, tx, userId, isActive, role, RevokeTokens), cancellationToken);
}
