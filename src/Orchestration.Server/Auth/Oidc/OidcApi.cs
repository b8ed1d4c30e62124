using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Identities;
using Orchestration.Storage.Users;

namespace Orchestration.Server.Auth.Oidc;

public static class OidcApi
{
    public sealed record CallbackRequest(string? Code, string? State, string? StateToken, string? RedirectUri);

    public sealed record LoginStartDto(string AuthorizationUrl, string StateToken);

    public sealed record LinkedDto(string Provider, string ProviderUserId, string? ProviderEmail);

    public sealed record IdentityDto(string Provider, string? ProviderEmail, double CreatedAt);

    public static IEndpointRouteBuilder MapOidc(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/oidc").WithTags("Auth");
        var open = group.MapGroup("").AllowAnonymous().RequireRateLimiting(ApiInfrastructureExtensions.AuthRateLimitPolicy);
        open.MapGet("/providers", (AuthOptions options) => TypedResults.Ok(options.OidcProviders
            .Select(p => new { p.Name, DisplayName = p.DisplayName ?? p.Name }).ToList()));
        open.MapGet("/{provider}/login", StartAsync);
        open.MapPost("/{provider}/callback", CallbackAsync);
        var signedIn = group.MapGroup("").RequireAuthorization();
        signedIn.MapPost("/link/{provider}", LinkAsync);
        signedIn.MapDelete("/link/{provider}", UnlinkAsync);
        signedIn.MapGet("/identities", IdentitiesAsync);
        return app;
    }

    private static async Task<Ok<LoginStartDto>> StartAsync(string provider, string? redirect_uri, OidcFlow flow, CancellationToken cancellationToken)
    {
        new Validator().Required("redirect_uri", redirect_uri, 2048).ThrowIfInvalid();
        var (url, token) = await flow.StartAsync(provider, redirect_uri!, cancellationToken);
        return TypedResults.Ok(new LoginStartDto(url, token));
    }

    private static async Task<Results<Ok<TokenPairDto>, ProblemHttpResult>> CallbackAsync(
        string provider, CallbackRequest request, OidcFlow flow, IIdentityStore identities, IUserStore users, AuthService auth,
        AuthOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var external = await CompleteAsync(provider, request, flow, cancellationToken);
        var linked = await identities.FindAsync(external.Provider, external.Subject, cancellationToken);
        User? user;
        if (linked is not null)
        {
            user = await users.FindByIdAsync(linked.UserId, cancellationToken);
        }
        else
        {
            var email = external.Email ?? $"{external.Subject}@{external.Provider}.oidc";
            var existing = await users.FindByEmailAsync(email, cancellationToken);
            if (existing is not null)
            {
                // Only a provider that verified the email may claim an existing account, and only when configured to.
                if (!flow.Provider(provider).AutoLinkByEmail || !external.EmailVerified)
                {
                    return TypedResults.Problem(statusCode: 409, title: "Conflict",
                        detail: "An account with this email already exists. Sign in with your password, then link this provider.");
                }
                await identities.LinkAsync(existing.Id, external.Provider, external.Subject, external.Email, time.NowEpoch(), cancellationToken);
                user = existing;
            }
            else if (!options.AllowRegistration)
            {
                return TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: "Registration is disabled on this server.");
            }
            else
            {
                var name = string.IsNullOrWhiteSpace(external.Name) ? email.Split('@')[0] : external.Name!;
                user = await identities.CreateUserWithIdentityAsync(email, name, external.Provider, external.Subject, time.NowEpoch(), cancellationToken);
            }
        }
        if (user is null || !user.IsActive)
        {
            return TypedResults.Problem(statusCode: 401, title: "Unauthorized", detail: "Sign-in failed.");
        }
        return TypedResults.Ok(await auth.SignInAsync(user, cancellationToken));
    }

    private static async Task<Results<Ok<LinkedDto>, ProblemHttpResult>> LinkAsync(
        string provider, CallbackRequest request, HttpContext context, OidcFlow flow, IIdentityStore identities, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var external = await CompleteAsync(provider, request, flow, cancellationToken);
        var outcome = await identities.LinkAsync(context.User.GetUserId(), external.Provider, external.Subject, external.Email, time.NowEpoch(), cancellationToken);
        return outcome switch
        {
            LinkOutcome.AlreadyLinkedToOther => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: "This identity is linked to another account."),
            LinkOutcome.ProviderAlreadyLinked => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: $"Another '{provider}' identity is already linked; unlink it first."),
            _ => TypedResults.Ok(new LinkedDto(external.Provider, external.Subject, external.Email)),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UnlinkAsync(
        string provider, HttpContext context, IIdentityStore identities, CancellationToken cancellationToken) =>
        await identities.UnlinkAsync(context.User.GetUserId(), provider, cancellationToken) switch
        {
            UnlinkOutcome.NotLinked => throw new ResourceNotFoundException($"A linked '{provider}' identity"),
            UnlinkOutcome.LastSignInMethod => TypedResults.Problem(statusCode: 400, title: "Bad request",
                detail: "This is your only way to sign in: set a password or link another provider first."),
            _ => TypedResults.NoContent(),
        };

    private static async Task<Ok<List<IdentityDto>>> IdentitiesAsync(HttpContext context, IIdentityStore identities, CancellationToken cancellationToken) =>
        TypedResults.Ok((await identities.ListAsync(context.User.GetUserId(), cancellationToken))
            .Select(i => new IdentityDto(i.Provider, i.ProviderEmail, i.CreatedAt)).ToList());

    private static Task<ExternalIdentity> CompleteAsync(string provider, CallbackRequest request, OidcFlow flow, CancellationToken cancellationToken)
    {
        new Validator()
            .Required("code", request.Code, 4096).Required("state", request.State, 512)
            .Required("state_token", request.StateToken, 8192).Required("redirect_uri", request.RedirectUri, 2048)
            .ThrowIfInvalid();
        return flow.CompleteAsync(provider, request.Code!, request.State!, request.StateToken!, request.RedirectUri!, cancellationToken);
    }
}
