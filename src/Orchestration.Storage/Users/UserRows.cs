using System.Data;
using Dapper;
using Orchestration.Core.Domain;

namespace Orchestration.Storage.Users;

/// <summary>
/// The users and refresh-token SQL of every backend, and the read-decide-write steps run inside a caller's write
/// transaction. What differs per backend is passed in: how a backend keeps the step from interleaving with another one
/// is the caller's (SQLite's one writer; PostgreSQL's locks). Flags are bound as parameters (0/1 on SQLite, booleans on
/// PostgreSQL), so the text is the same.
/// </summary>
internal static class UserRows
{
    public const string Columns =
        "id, email, display_name, password_hash, role, is_active, failed_logins, first_failed_at, locked_until, created_at, last_login_at";

    public const string ByEmail = $"SELECT {Columns} FROM users WHERE email = @email";

    public const string ById = $"SELECT {Columns} FROM users WHERE id = @userId";

    // A failure outside the window starts a new count; reaching the threshold locks for one window.
    public const string RecordFailedLogin =
        """
        UPDATE users SET
            failed_logins = CASE WHEN first_failed_at IS NULL OR first_failed_at < @now - @window THEN 1 ELSE failed_logins + 1 END,
            first_failed_at = CASE WHEN first_failed_at IS NULL OR first_failed_at < @now - @window THEN @now ELSE first_failed_at END
        WHERE id = @userId;
        UPDATE users SET locked_until = @now + @window, failed_logins = 0, first_failed_at = NULL
        WHERE id = @userId AND failed_logins >= @threshold;
        """;

    public const string RecordSuccessfulLogin =
        "UPDATE users SET failed_logins = 0, first_failed_at = NULL, locked_until = NULL, last_login_at = @now WHERE id = @userId";

    public const string UpdatePasswordHash = "UPDATE users SET password_hash = @passwordHash WHERE id = @userId";

    public const string IssueToken =
        """
        INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, created_at, expires_at)
        VALUES (@id, @userId, @familyId, @tokenHash, @now, @expiresAt)
        """;

    /// <summary>The refresh token with hash @presentedHash (a backend may append a row lock).</summary>
    public const string TokenByHash = "SELECT user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = @presentedHash";

    /// <summary>Creates the user unless the e-mail is taken (null); the first user becomes admin.</summary>
    public static async Task<User?> CreateAsync(
        IDbConnection c, IDbTransaction tx, string email, string displayName, string? passwordHash, double now)
    {
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE email = @email", new { email }, tx) > 0)
        {
            return null;
        }
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
            VALUES (@Id, @Email, @DisplayName, @PasswordHash, @Role, @IsActive, @CreatedAt)
            """, user, tx);
        return user;
    }

    public static async Task<IReadOnlyList<UserWithCounts>> ListAsync(IDbConnection c)
    {
        var users = await c.QueryAsync<User>($"SELECT {Columns} FROM users ORDER BY created_at, id");
        var counts = (await c.QueryAsync<(string OwnerId, long Count)>("SELECT owner_id, COUNT(*) FROM projects GROUP BY owner_id"))
            .ToDictionary(x => x.OwnerId, x => x.Count);
        return users.Select(u => new UserWithCounts(u, counts.GetValueOrDefault(u.Id))).ToList();
    }

    /// <summary>Changes role and/or active flag unless that leaves no active admin. <paramref name="revokeTokensSql"/>
    /// revokes every refresh token of @userId at the database's clock (a deactivated user's sessions end now).</summary>
    public static async Task<AdminUpdateResult> UpdateByAdminAsync(
        IDbConnection c, IDbTransaction tx, string userId, bool? isActive, string? role, string revokeTokensSql)
    {
        var user = await c.QuerySingleOrDefaultAsync<User>(ById, new { userId }, tx);
        if (user is null)
        {
            return new AdminUpdateResult(AdminUpdateOutcome.NotFound, null);
        }
        var admin = UserRole.Admin.ToWire();
        var losesAdmin = user.Role == admin && user.IsActive && ((role is not null && role != admin) || isActive == false);
        if (losesAdmin)
        {
            var otherAdmins = await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM users WHERE role = @admin AND is_active = @active AND id <> @userId", new { admin, active = true, userId }, tx);
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
            await c.ExecuteAsync(revokeTokensSql, new { userId }, tx);
        }
        var updated = await c.QuerySingleAsync<User>(ById, new { userId }, tx);
        var projects = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM projects WHERE owner_id = @userId", new { userId }, tx);
        return new AdminUpdateResult(AdminUpdateOutcome.Updated, updated, projects);
    }

    /// <summary>Consumes the token read by <paramref name="tokenQuery"/> (<see cref="TokenByHash"/>, locked where the
    /// backend needs it) and stores its replacement; a second use revokes the family.</summary>
    public static async Task<RotationResult> RotateAsync(
        IDbConnection c, IDbTransaction tx, string tokenQuery, string presentedHash, string replacementHash, double now, double expiresAt)
    {
        var token = await c.QuerySingleOrDefaultAsync<TokenRow>(tokenQuery, new { presentedHash }, tx);
        if (token is null)
        {
            return new RotationResult(RotationOutcome.Unknown, null);
        }
        if (token.UsedAt is not null || token.RevokedAt is not null)
        {
            await c.ExecuteAsync(
                "UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, @now) WHERE family_id = @FamilyId", new { now, token.FamilyId }, tx);
            return new RotationResult(RotationOutcome.Reused, token.UserId);
        }
        if (token.ExpiresAt <= now)
        {
            return new RotationResult(RotationOutcome.Expired, token.UserId);
        }
        await c.ExecuteAsync("UPDATE refresh_tokens SET used_at = @now WHERE token_hash = @presentedHash", new { now, presentedHash }, tx);
        await c.ExecuteAsync(
            """
            INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, created_at, expires_at)
            VALUES (@id, @UserId, @FamilyId, @replacementHash, @now, @expiresAt)
            """, new { id = Ids.New(), token.UserId, token.FamilyId, replacementHash, now, expiresAt }, tx);
        return new RotationResult(RotationOutcome.Rotated, token.UserId);
    }

    private sealed class TokenRow
    {
        public string UserId { get; init; } = "";
        public string FamilyId { get; init; } = "";
        public double ExpiresAt { get; init; }
        public double? UsedAt { get; init; }
        public double? RevokedAt { get; init; }
    }
}
