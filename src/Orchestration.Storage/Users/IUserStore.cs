namespace Orchestration.Storage.Users;

/// <summary>What lockout allows: failures counted inside a window, then a lock that expires.</summary>
public sealed record LockoutPolicy(int Threshold, double WindowSeconds);

public interface IUserStore
{
    Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates the user; the very first user becomes admin (decided inside the write transaction).
    /// Returns null when the email is taken.</summary>
    Task<User?> CreateAsync(string email, string displayName, string passwordHash, double now, CancellationToken cancellationToken);

    Task RecordFailedLoginAsync(string userId, double now, LockoutPolicy policy, CancellationToken cancellationToken);

    Task RecordSuccessfulLoginAsync(string userId, double now, CancellationToken cancellationToken);

    Task UpdatePasswordHashAsync(string userId, string passwordHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserWithCounts>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Changes role and/or active flag in one transaction that refuses to leave no active admin.</summary>
    Task<AdminUpdateResult> UpdateByAdminAsync(string userId, bool? isActive, string? role, CancellationToken cancellationToken);
}

public sealed record UserWithCounts(User User, long ProjectCount);

public enum AdminUpdateOutcome { Updated, NotFound, LastAdmin }

public sealed record AdminUpdateResult(AdminUpdateOutcome Outcome, User? User, long ProjectCount = 0);
