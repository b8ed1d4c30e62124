using Microsoft.AspNetCore.DataProtection;
using Orchestration.Core.Configuration;

namespace Orchestration.Server.Events;

/// <summary>
/// Short-lived tokens for the event stream (EventSource cannot send headers): signed with the data-protection key
/// ring under their own purpose, so one is good for one project's stream, for auth.sse_token_expire_seconds, and for
/// nothing else (it is not an access token).
/// </summary>
internal sealed class SseTokens(IDataProtectionProvider protection, AuthOptions options, TimeProvider time)
{
    private const string Purpose = "Orchestration.Events.StreamToken.v1";
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Max(1, options.SseTokenExpireSeconds));

    public string Issue(string userId, string projectId) =>
        _protector.Protect($"{userId}\n{projectId}", time.GetUtcNow() + Lifetime);

    /// <summary>The user the token was issued to, when it is valid, unexpired and for this project; else null.</summary>
    public string? Validate(string? token, string projectId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var parts = _protector.Unprotect(token, out var expiration).Split('\n');
            return parts.Length == 2 && parts[1] == projectId && expiration > time.GetUtcNow() ? parts[0] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
