using Dapper;
using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Users;

internal sealed class PostgresRefreshTokenStore(PostgresDatabase database) : IRefreshTokenStore
{
    // NOTE: the presented token's row is locked before it is judged, so of two rotations at once the second waits, then
    // finds it used (and revokes the family), as on SQLite's one writer.
    private const string LockedToken = UserRows.TokenByHash + " FOR UPDATE";

    public Task IssueAsync(string userId, string familyId, string tokenHash, double now, double expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(
            UserRows.IssueToken, new { id = Core.Domain.Ids.New(), userId, familyId, tokenHash, now, expiresAt }, tx), cancellationToken);

    public Task<RotationResult> RotateAsync(string presentedHash, string replacementHash, double now, double expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => UserRows.RotateAsync(c, tx, LockedToken, presentedHash, replacementHash, now, expiresAt), cancellationToken);
}
