using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Core.Domain;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Users;

namespace Orchestration.Server.Admin;

public static class AdminUsersApi
{
    public sealed record AdminUserDto(string Id, string Email, string DisplayName, string Role, bool IsActive, double? LastLoginAt, long ProjectCount);

    public sealed record UpdateUserRequest(bool? IsActive, string? Role);

    public static IEndpointRouteBuilder MapAdminUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/users").WithTags("Admin").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapGet("", ListAsync);
        group.MapPatch("/{id}", UpdateAsync);
        return app;
    }

    private static async Task<Ok<List<AdminUserDto>>> ListAsync(IUserStore users, CancellationToken cancellationToken) =>
        TypedResults.Ok((await users.ListAsync(cancellationToken)).Select(u => ToDto(u.User, u.ProjectCount)).ToList());

    private static async Task<Ok<AdminUserDto>> UpdateAsync(
        string id, UpdateUserRequest request, IUserStore users, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var role = validator.Enum<UserRole>("role", request.Role);
        if (request.IsActive is null && request.Role is null)
        {
            validator.Add("body", "Send 'is_active' and/or 'role'.");
        }
        validator.ThrowIfInvalid();
        var result = await users.UpdateByAdminAsync(id, request.IsActive, role?.ToWire(), cancellationToken);
        return result.Outcome switch
        {
            AdminUpdateOutcome.NotFound => throw new ResourceNotFoundException("The user"),
            AdminUpdateOutcome.LastAdmin => throw new ResourceConflictException("This is the last active admin: promote another user before demoting or disabling this one."),
            _ => TypedResults.Ok(ToDto(result.User!, result.ProjectCount)),
        };
    }

    private static AdminUserDto ToDto(User u, long projectCount) =>
        new(u.Id, u.Email, u.DisplayName, u.Role, u.IsActive, u.LastLoginAt, projectCount);
}
