using Orchestration.Core.Domain;

namespace Orchestration.Storage.Users;

public sealed class User
{
    public string Id { get; init; } = "";
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? PasswordHash { get; init; }
    public string Role { get; init; } = "user";
    public bool IsActive { get; init; } = true;
    public long FailedLogins { get; init; }
    public double? FirstFailedAt { get; init; }
    public double? LockedUntil { get; init; }
    public double CreatedAt { get; init; }
    public double? LastLoginAt { get; init; }

    public UserRole RoleValue => WireNames.Parse<UserRole>(Role);
}
