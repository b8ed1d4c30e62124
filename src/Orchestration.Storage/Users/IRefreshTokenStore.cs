namespace Orchestration.Storage.Users;

public enum RotationOutcome { Rotated, Unknown, Expired, Reused }

public sealed record RotationResult(RotationOutcome Outcome, string? UserId);

/// <summary>Refresh tokens are stored only as hashes, grouped in families that share one login.</summary>
public interface IRefreshTokenStore
{
    Task IssueAsync(string userId, string familyId, string tokenHash, double now, double expiresAt, CancellationToken cancellationToken);

    /// <summary>Atomically consumes <paramref name="presentedHash"/> and stores its replacement. A token used twice
    /// revokes its whole family (the second use is answered Reused and nothing is issued).</summary>
    Task<RotationResult> RotateAsync(string presentedHash, string replacementHash, double now, double expiresAt, CancellationToken cancellationToken);
}
