using Microsoft.AspNetCore.Identity;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Storage.Users;

namespace Orchestration.Server.Auth;

/// <summary>Registration, login with lockout, and refresh-token rotation with reuse detection.</summary>
public sealed partial class AuthService(
    IUserStore users,
    IRefreshTokenStore refreshTokens,
    TokenService tokens,
    IPasswordHasher<User> hasher,
    AuthOptions options,
    TimeProvider time,
    ILogger<AuthService> logger)
{
    // NOTE: verifying against this when the user is unknown or locked makes every failure take the same time.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(new User(), "not-a-real-password"));

    public async Task<User?> RegisterAsync(string email, string password, string displayName, CancellationToken cancellationToken)
    {
        var hash = hasher.HashPassword(new User(), password);
        var user = await users.CreateAsync(email.Trim(), displayName, hash, time.NowEpoch(), cancellationToken);
        if (user is not null)
        {
            LogRegistered(logger, user.Id, user.Role);
        }
        return user;
    }

    /// <summary>Null for every kind of failure: unknown email, wrong password, locked or disabled.</summary>
    public async Task<TokenPairDto?> LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        var now = time.NowEpoch();
        var user = await users.FindByEmailAsync(email.Trim(), cancellationToken);
        var locked = user?.LockedUntil is { } until && until > now;
        var verdict = hasher.VerifyHashedPassword(user ?? new User(), user?.PasswordHash ?? DummyHash.Value, password);
        if (user is null || locked || !user.IsActive || user.PasswordHash is null || verdict == PasswordVerificationResult.Failed)
        {
            if (user is not null && !locked)
            {
                await users.RecordFailedLoginAsync(user.Id, now,
                    new LockoutPolicy(options.LoginLockoutThreshold, options.LoginLockoutWindowSeconds), cancellationToken);
            }
            LogLoginFailed(logger, user?.Id ?? "unknown");
            return null;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.UpdatePasswordHashAsync(user.Id, hasher.HashPassword(user, password), cancellationToken);
        }
        return await SignInAsync(user, cancellationToken);
    }

    public async Task<TokenPairDto?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var now = time.NowEpoch();
        var (replacement, replacementHash) = TokenService.CreateRefreshToken();
        var result = await refreshTokens.RotateAsync(
            TokenService.HashRefreshToken(refreshToken), replacementHash, now, now + tokens.RefreshLifetimeSeconds, cancellationToken);
        if (result.Outcome == RotationOutcome.Reused)
        {
            LogRefreshReused(logger, result.UserId ?? "unknown");
        }
        if (result.Outcome != RotationOutcome.Rotated)
        {
            return null;
        }
        var user = await users.FindByIdAsync(result.UserId!, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return null;
        }
        return new TokenPairDto(tokens.CreateAccessToken(user), replacement, "bearer", tokens.AccessLifetimeSeconds, ToDto(user));
    }

    /// <summary>Starts a new session (a new refresh-token family) for a user whose credentials were verified.</summary>
    public async Task<TokenPairDto> SignInAsync(User user, CancellationToken cancellationToken)
    {
        var now = time.NowEpoch();
        await users.RecordSuccessfulLoginAsync(user.Id, now, cancellationToken);
        var (refresh, hash) = TokenService.CreateRefreshToken();
        await refreshTokens.IssueAsync(user.Id, Ids.New(), hash, now, now + tokens.RefreshLifetimeSeconds, cancellationToken);
        return new TokenPairDto(tokens.CreateAccessToken(user), refresh, "bearer", tokens.AccessLifetimeSeconds, ToDto(user));
    }

    public static UserDto ToDto(User user) => new(user.Id, user.Email, user.DisplayName, user.Role);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Registered user {UserId} as {Role}")]
    private static partial void LogRegistered(ILogger logger, string userId, string role);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Failed login for user {UserId}")]
    private static partial void LogLoginFailed(ILogger logger, string userId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "A rotated refresh token was reused for user {UserId}; its family is revoked")]
    private static partial void LogRefreshReused(ILogger logger, string userId);
}
