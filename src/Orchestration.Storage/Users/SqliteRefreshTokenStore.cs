using Dapper;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Users;

internal sealed class SqliteRefreshTokenStore(SqliteDatabase database) : IRefreshTokenStore
{
    public Task IssueAsync(string userId, string familyId, string tokenHash, double now, double expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(
            UserRows.IssueToken, new { id = Core.Domain.Ids.New(), userId, familyId, tokenHash, now, expiresAt }, tx), cancellationToken);

    // NOTE: the write lock is held (BEGIN IMMEDIATE), so a token presented twice at once is consumed once.
    public Task<RotationResult> RotateAsync(string presentedHash, string replacementHash, double now, double expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => UserRows.RotateAsync(c, tx, UserRows.TokenByHash, presentedHash, replacementHash, now, expiresAt), cancellationToken);
}
