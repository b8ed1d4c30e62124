using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Core.Configuration;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Identities;
using Orchestration.Storage.Users;

namespace Orchestration.Server.Auth;

public static class AuthApi
{
    private const string LoginFailed = "Invalid email or password.";

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        var open = group.MapGroup("").AllowAnonymous().RequireRateLimiting(ApiInfrastructureExtensions.AuthRateLimitPolicy);

        open.MapPost("/register", RegisterAsync);
        open.MapPost("/login", LoginAsync);
        open.MapPost("/refresh", RefreshAsync);
        group.MapGet("/me", MeAsync).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Created<UserDto>, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, AuthService auth, AuthOptions options, CancellationToken cancellationToken)
    {
        if (!options.AllowRegistration)
        {
            return TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: "Registration is disabled on this server.");
        }
        var validator = new Validator()
            .Required("email", request.Email, 254)
            .Required("password", request.Password, 1024, minLength: 8);
        if (request.Email is { } email && !IsEmail(email))
        {
            validator.Add("email", "'email' must be an email address.");
        }
        validator.Length("display_name", request.DisplayName, 100);
        validator.ThrowIfInvalid();

        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.Email!.Trim().Split('@')[0] : request.DisplayName.Trim();
        var user = await auth.RegisterAsync(request.Email!, request.Password!, displayName, cancellationToken);
        // NOTE: a taken email gets a generic 400 that does not say whether the account exists.
        return user is null
            ? TypedResults.Problem(statusCode: 400, title: "Bad request", detail: "Registration failed. Check the email and password and try again.")
            : TypedResults.Created("/api/auth/me", AuthService.ToDto(user));
    }

    private static async Task<Results<Ok<TokenPairDto>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, AuthService auth, CancellationToken cancellationToken)
    {
        new Validator().Required("email", request.Email, 254).Required("password", request.Password, 1024).ThrowIfInvalid();
        var pair = await auth.LoginAsync(request.Email!, request.Password!, cancellationToken);
        return pair is null ? Unauthorized(LoginFailed) : TypedResults.Ok(pair);
    }

    private static async Task<Results<Ok<TokenPairDto>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, AuthService auth, CancellationToken cancellationToken)
    {
        new Validator().Required("refresh_token", request.RefreshToken, 512).ThrowIfInvalid();
        var pair = await auth.RefreshAsync(request.RefreshToken!, cancellationToken);
        return pair is null ? Unauthorized("The refresh token is invalid, expired or already used.") : TypedResults.Ok(pair);
    }

    private static async Task<Ok<MeDto>> MeAsync(HttpContext context, IUserStore users, IIdentityStore identities, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(context.User.GetUserId(), cancellationToken)
                   ?? throw new ResourceNotFoundException("The user");
        var linked = (await identities.ListAsync(user.Id, cancellationToken)).Select(i => i.Provider).ToList();
        return TypedResults.Ok(new MeDto(user.Id, user.Email, user.DisplayName, user.Role, user.PasswordHash is not null, linked));
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: 401, title: "Unauthorized", detail: detail);

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 1 && at == value.LastIndexOf('@') && !value.Any(char.IsWhiteSpace);
    }
}
