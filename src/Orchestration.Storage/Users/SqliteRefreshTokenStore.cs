using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Users;

internal sealed class SqliteRefreshTokenStore(SqliteDatabase database) : IRefreshTokenStore
{
    public Task IssueAsync(string userId, string familyId, string tokenHash, double now, double expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(
            """
            INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, created_at, expires_at)
            VALUES (@id, @userId, @familyId, @tokenHash, @now, @expiresAt)
            """, new { id = Ids.New(), userId, familyId, tokenHash, now, expiresAt }, tx), cancellationToken);

    public Task<RotationResult> RotateAsync(string presentedHash, string replacementHash, double now, double expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            var token = await c.QuerySingleOrDefaultAsync<TokenRow>(
                "SELECT user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = @presentedHash",
                new { presentedHash }, tx);
            if (token is null)
            {
                return new RotationResult(RotationOutcome.Unknown, null);
            }
            if (token.UsedAt is not null || token.RevokedAt is not null)
            {
                await c.ExecuteAsync(
                    "UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, @now) WHERE family_id = @FamilyId",
                    new { now, token.FamilyId }, tx);
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
        }, cancellationToken);

    private sealed class TokenRow
    {
        public string UserId { get; init; } = "";
        public string FamilyId { get; init; } = "";
        public double ExpiresAt { get; init; }
        public double? UsedAt { get; init; }
        public double? RevokedAt { get; init; }
    }
}
