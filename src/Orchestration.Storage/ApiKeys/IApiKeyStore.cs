namespace Orchestration.Storage.ApiKeys;

public interface IApiKeyStore
{
    Task<ApiKey> CreateAsync(string userId, string name, string keyHash, string keyPrefix, double now, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> ListAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Deactivates the caller's key; false when it is not theirs or does not exist.</summary>
    Task<bool> RevokeAsync(string userId, string keyId, CancellationToken cancellationToken);

    /// <summary>The active key with this hash (and records its use), or null.</summary>
    Task<ApiKey?> UseAsync(string keyHash, double now, CancellationToken cancellationToken);
}
