using System.Data;
using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Storage.Users;

namespace Orchestration.Storage.Identities;

/// <summary>The sign-in identity SQL of every backend, and its read-decide-write steps inside a caller's write
/// transaction (which the backend keeps from interleaving with another registration or link).</summary>
internal static class IdentityRows
{
    private const string Columns = "id, user_id, provider, provider_user_id, provider_email, created_at";

    public const string Find = $"SELECT {Columns} FROM user_identities WHERE provider = @provider AND provider_user_id = @providerUserId";

    public const string ListOfUser = $"SELECT {Columns} FROM user_identities WHERE user_id = @userId ORDER BY created_at DESC";

    public static async Task<LinkOutcome> LinkAsync(
        IDbConnection c, IDbTransaction tx, string userId, string provider, string providerUserId, string? providerEmail, double now)
    {
        var owner = await c.ExecuteScalarAsync<string?>(
            "SELECT user_id FROM user_identities WHERE provider = @provider AND provider_user_id = @providerUserId",
            new { provider, providerUserId }, tx);
        if (owner is not null)
        {
            return owner == userId ? LinkOutcome.Linked : LinkOutcome.AlreadyLinkedToOther;
        }
        if (await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM user_identities WHERE user_id = @userId AND provider = @provider", new { userId, provider }, tx) > 0)
        {
            return LinkOutcome.ProviderAlreadyLinked;
        }
        await InsertAsync(c, tx, userId, provider, providerUserId, providerEmail, now);
        return LinkOutcome.Linked;
    }

    public static async Task<User?> CreateUserWithIdentityAsync(
        IDbConnection c, IDbTransaction tx, string email, string displayName, string provider, string providerUserId, double now)
    {
        var user = await UserRows.CreateAsync(c, tx, email, displayName, passwordHash: null, now);
        if (user is not null)
        {
            await InsertAsync(c, tx, user.Id, provider, providerUserId, email, now);
        }
        return user;
    }

    public static async Task<UnlinkOutcome> UnlinkAsync(IDbConnection c, IDbTransaction tx, string userId, string provider)
    {
        var linked = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM user_identities WHERE user_id = @userId", new { userId }, tx);
        var isLinked = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM user_identities WHERE user_id = @userId AND provider = @provider", new { userId, provider }, tx) > 0;
        if (!isLinked)
        {
            return UnlinkOutcome.NotLinked;
        }
        var hasPassword = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM users WHERE id = @userId AND password_hash IS NOT NULL", new { userId }, tx) > 0;
        if (!hasPassword && linked <= 1)
        {
            return UnlinkOutcome.LastSignInMethod;
        }
        await c.ExecuteAsync("DELETE FROM user_identities WHERE user_id = @userId AND provider = @provider", new { userId, provider }, tx);
        return UnlinkOutcome.Unlinked;
    }

    private static Task InsertAsync(
        IDbConnection c, IDbTransaction tx, string userId, string provider, string providerUserId, string? providerEmail, double now) =>
        c.ExecuteAsync(
            """
            INSERT INTO user_identities (id, user_id, provider, provider_user_id, provider_email, created_at)
            VALUES (@id, @userId, @provider, @providerUserId, @providerEmail, @now)
            """,
            new { id = Ids.New(), userId, provider, providerUserId, providerEmail, now }, tx);
}
