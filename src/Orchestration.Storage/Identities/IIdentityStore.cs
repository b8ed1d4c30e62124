using Orchestration.Storage.Users;

namespace Orchestration.Storage.Identities;

public enum LinkOutcome { Linked, AlreadyLinkedToOther, ProviderAlreadyLinked }

public enum UnlinkOutcome { Unlinked, NotLinked, LastSignInMethod }

public interface IIdentityStore
{
    Task<UserIdentity?> FindAsync(string provider, string providerUserId, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserIdentity>> ListAsync(string userId, CancellationToken cancellationToken);

    Task<LinkOutcome> LinkAsync(string userId, string provider, string providerUserId, string? providerEmail, double now, CancellationToken cancellationToken);

    /// <summary>Creates a password-less user and links the identity, in one transaction (first user becomes admin).</summary>
    Task<User?> CreateUserWithIdentityAsync(string email, string displayName, string provider, string providerUserId, double now, CancellationToken cancellationToken);

    /// <summary>Refuses to remove the user's only way to sign in.</summary>
    Task<UnlinkOutcome> UnlinkAsync(string userId, string provider, CancellationToken cancellationToken);
}
