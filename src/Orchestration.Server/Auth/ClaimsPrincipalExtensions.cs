using System.Security.Claims;
using Orchestration.Core.Domain;

namespace Orchestration.Server.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated user's id (the token's `sub`).</summary>
    public static string GetUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub")
        ?? throw new InvalidOperationException("The request is not authenticated.");

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(UserRole.Admin.ToWire());
}
