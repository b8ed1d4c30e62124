using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Core.Domain;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.ApiKeys;

namespace Orchestration.Server.Auth;

public static class ApiKeysApi
{
    public sealed record CreateApiKeyRequest(string? Name);

    public sealed record CreatedApiKeyDto(string Id, string Key, string KeyPrefix, string Name, double CreatedAt);

    public sealed record ApiKeyDto(string Id, string KeyPrefix, string Name, bool IsActive, double CreatedAt, double? LastUsedAt);

    public sealed record RevokedDto(string Status, string KeyId);

    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/api-keys").WithTags("Auth").RequireAuthorization();
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        group.MapDelete("/{id}", RevokeAsync);
        return app;
    }

    private static async Task<Created<CreatedApiKeyDto>> CreateAsync(
        CreateApiKeyRequest request, HttpContext context, IApiKeyStore keys, TimeProvider time, CancellationToken cancellationToken)
    {
        new Validator().Required("name", request.Name, 100).ThrowIfInvalid();
        // The key is shown once; only its hash is stored.
        var key = ApiKeyAuthenticationHandler.Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var stored = await keys.CreateAsync(context.User.GetUserId(), request.Name!.Trim(), ApiKeyAuthenticationHandler.Hash(key),
            key[..12], time.NowEpoch(), cancellationToken);
        return TypedResults.Created($"/api/auth/api-keys/{stored.Id}",
            new CreatedApiKeyDto(stored.Id, key, stored.KeyPrefix, stored.Name, stored.CreatedAt));
    }

    private static async Task<Ok<List<ApiKeyDto>>> ListAsync(HttpContext context, IApiKeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok((await keys.ListAsync(context.User.GetUserId(), cancellationToken))
            .Select(k => new ApiKeyDto(k.Id, k.KeyPrefix, k.Name, k.IsActive, k.CreatedAt, k.LastUsedAt)).ToList());

    private static async Task<Ok<RevokedDto>> RevokeAsync(string id, HttpContext context, IApiKeyStore keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(context.User.GetUserId(), id, cancellationToken)
            ? TypedResults.Ok(new RevokedDto("revoked", id))
            : throw new ResourceNotFoundException("The API key");
}
