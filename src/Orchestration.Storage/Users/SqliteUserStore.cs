using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Users;

internal sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string Columns =
        "id, email, display_name, password_hash, role, is_active, failed_logins, first_failed_at, locked_until, created_at, last_login_at";

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<User>(
            new CommandDefinition($"SELECT {Columns} FROM users WHERE email = @email", new { email }, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<User>(
            new CommandDefinition($"SELECT {Columns} FROM users WHERE id = @id", new { id }, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<User?> CreateAsync(string email, string displayName, string passwordHash, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE email = @email", new { email }, tx) > 0)
            {
                return null;
            }
            // NOTE: the write lock is held (BEGIN IMMEDIATE), so exactly one concurrent registration sees zero users.
            var isFirst = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users", transaction: tx) == 0;
            var user = new User
            {
                Id = Ids.New(),
                Email = email,
                DisplayName = displayName,
                PasswordHash = passwordHash,
                Role = (isFirst ? UserRole.Admin : UserRole.User).ToWire(),
                IsActive = true,
                CreatedAt = now,
            };
            await c.ExecuteAsync(
                """
                INSERT INTO users (id, email, display_name, password_hash, role, is_active, created_at)
                VALUES (@Id, @Email, @DisplayName, @PasswordHash, @Role, 1, @CreatedAt)
                """, user, tx);
            return user;
        }, cancellationToken);

    public Task RecordFailedLoginAsync(string userId, double now, LockoutPolicy policy, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            // A failure outside the window starts a new count; reaching the threshold locks for one window.
            await c.ExecuteAsync(
                """
                UPDATE users SET
                    failed_logins = CASE WHEN first_failed_at IS NULL OR first_failed_at < @now - @window THEN 1 ELSE failed_logins + 1 END,
                    first_failed_at = CASE WHEN first_failed_at IS NULL OR first_failed_at < @now - @window THEN @now ELSE first_failed_at END
                WHERE id = @userId;
                UPDATE users SET locked_until = @now + @window, failed_logins = 0, first_failed_at = NULL
                WHERE id = @userId AND failed_logins >= @threshold;
                """, new { userId, now, window = policy.WindowSeconds, threshold = policy.Threshold }, tx);
            return 0;
        }, cancellationToken);

    public Task RecordSuccessfulLoginAsync(string userId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE users SET failed_logins = 0, first_failed_at = NULL, locked_until = NULL, last_login_at = @now WHERE id = @userId",
            new { userId, now }, tx), cancellationToken);

    public Task UpdatePasswordHashAsync(string userId, string passwordHash, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE users SET password_hash = @passwordHash WHERE id = @userId", new { userId, passwordHash }, tx), cancellationToken);

    public Task<IReadOnlyList<UserWithCounts>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<UserWithCounts>>(async c =>
        {
            var users = await c.QueryAsync<User>($"SELECT {Columns} FROM users ORDER BY created_at, id");
            var counts = (await c.QueryAsync<(string OwnerId, long Count)>("SELECT owner_id, COUNT(*) FROM projects GROUP BY owner_id"))
                .ToDictionary(x => x.OwnerId, x => x.Count);
            return users.Select(u => new UserWithCounts(u, counts.GetValueOrDefault(u.Id))).ToList();
        }, cancellationToken);

    public Task<AdminUpdateResult> UpdateByAdminAsync(string userId, bool? isActive, string? role, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            var user = await c.QuerySingleOrDefaultAsync<User>($"SELECT {Columns} FROM users WHERE id = @userId", new { userId }, tx);
            if (user is null)
            {
                return new AdminUpdateResult(AdminUpdateOutcome.NotFound, null);
            }
            var admin = UserRole.Admin.ToWire();
            var losesAdmin = user.Role == admin && user.IsActive && ((role is not null && role != admin) || isActive == false);
            if (losesAdmin)
            {
                var otherAdmins = await c.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM users WHERE role = @admin AND is_active = 1 AND id <> @userId", new { admin, userId }, tx);
                if (otherAdmins == 0)
                {
                    return new AdminUpdateResult(AdminUpdateOutcome.LastAdmin, user);
                }
            }
            await c.ExecuteAsync(
                "UPDATE users SET is_active = COALESCE(@isActive, is_active), role = COALESCE(@role, role) WHERE id = @userId",
                new { isActive, role, userId }, tx);
            if (isActive == false)
            {
                // A deactivated user's sessions end now: every refresh token is revoked.
                await c.ExecuteAsync("UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, strftime('%s','now')) WHERE user_id = @userId", new { userId }, tx);
            }
            var updated = await c.QuerySingleAsync<User>($"SELECT {Columns} FROM users WHERE id = @userId", new { userId }, tx);
            var projects = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM projects WHERE owner_id = @userId", new { userId }, tx);
            return new AdminUpdateResult(AdminUpdateOutcome.Updated, updated, projects);
        }, cancellationToken);
}
