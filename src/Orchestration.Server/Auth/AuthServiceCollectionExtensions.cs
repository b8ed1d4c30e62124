using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;
using Orchestration.Core.Configuration;
using Orchestration.Storage.Users;

namespace Orchestration.Server.Auth;

public static class AuthServiceCollectionExtensions
{
    public const string AdminPolicy = "admin";
    private const string BearerSelector = "BearerOrApiKey";

    /// <summary>JWT bearer authentication (ASP.NET Core's JwtBearer), password hashing and the auth services.</summary>
    public static IServiceCollection AddAuth(this IServiceCollection services, AuthOptions auth)
    {
        services.AddSingleton<TokenService>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<AuthService>();
        services.AddSingleton<Oidc.OidcFlow>();
        services.AddHttpClient("oidc", c => c.Timeout = TimeSpan.FromSeconds(30));

        var tokens = new TokenService(auth, TimeProvider.System);
        services
            .AddAuthentication(BearerSelector)
            // One Bearer header, two kinds of credential: `orch_…` API keys, else JWT access tokens.
            .AddPolicyScheme(BearerSelector, BearerSelector, o => o.ForwardDefaultSelector = ctx =>
                ApiKeyAuthenticationHandler.BearerToken(ctx.Request)?.StartsWith(ApiKeyAuthenticationHandler.Prefix, StringComparison.Ordinal) == true
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, o => o.ForwardChallenge = JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TokenService.Issuer,
                    ValidAudience = TokenService.Audience,
                    IssuerSigningKey = tokens.SigningKey,
                    ValidAlgorithms = [tokens.SigningAlgorithm],
                    ClockSkew = TimeSpan.FromSeconds(5),
                    RoleClaimType = "role",
                    NameClaimType = "sub",
                };
                o.Events = new JwtBearerEvents
                {
                    // A deactivated (or deleted) user's tokens stop working at once.
                    OnTokenValidated = async ctx =>
                    {
                        var store = ctx.HttpContext.RequestServices.GetRequiredService<IUserStore>();
                        var user = await store.FindByIdAsync(ctx.Principal!.GetUserId(), ctx.HttpContext.RequestAborted);
                        if (user is null || !user.IsActive)
                        {
                            ctx.Fail("The user is not active.");
                        }
                    },
                    OnChallenge = async ctx =>
                    {
                        ctx.HandleResponse();
                        ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        ctx.Response.Headers.WWWAuthenticate = "Bearer";
                        var detail = ctx.AuthenticateFailure is null
                            ? "Authentication is required: send 'Authorization: Bearer <token>'."
                            : "The access token is invalid or expired.";
                        var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                        await problems.WriteAsync(new ProblemDetailsContext
                        {
                            HttpContext = ctx.HttpContext,
                            ProblemDetails = new ProblemDetails { Status = 401, Title = "Unauthorized", Detail = detail },
                        });
                    },
                };
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole("admin"));
        return services;
    }
}
