namespace Orchestration.Storage.ApiKeys;

/// <summary>The API key statements of every backend; the active flag is bound as a parameter (0/1 on SQLite, a boolean on
/// PostgreSQL).</summary>
internal static class ApiKeySql
{
    private const string Columns = "id, user_id, name, key_prefix, is_active, created_at, last_used_at";

    public const string Insert =
        "INSERT INTO api_keys (id, user_id, name, key_hash, key_prefix, created_at) VALUES (@Id, @UserId, @Name, @keyHash, @KeyPrefix, @CreatedAt)";

    public const string ListOfUser = $"SELECT {Columns} FROM api_keys WHERE user_id = @userId ORDER BY created_at DESC, id DESC";

    /// <summary>With @inactive bound to false.</summary>
    public const string Revoke = "UPDATE api_keys SET is_active = @inactive WHERE id = @keyId AND user_id = @userId";

    /// <summary>With @active bound to true.</summary>
    public const string ActiveByHash = $"SELECT {Columns} FROM api_keys WHERE key_hash = @keyHash AND is_active = @active";

    public const string MarkUsed = "UPDATE api_keys SET last_used_at = @now WHERE id = @Id";

    /// <summary>NOTE: last_used_at is refreshed at most once a minute so that authenticating is not a write per request.</summary>
    public static bool NeedsMarking(ApiKey key, double now) => key.LastUsedAt is null || key.LastUsedAt < now - 60;
}
