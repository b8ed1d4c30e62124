using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Engine.Health;
using Orchestration.Server.Infrastructure;

namespace Orchestration.Server.Services;

/// <summary>External service health (docs/api.md, Services): model providers and whatever else registers a
/// probe.</summary>
public static class ServicesApi
{
    public static IEndpointRouteBuilder MapServices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/services").WithTags("Services").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ServiceStatus>>> ListAsync(
        IServiceHealth health, [FromQuery] bool? refresh, CancellationToken cancellationToken) =>
        TypedResults.Ok(await health.GetAllAsync(refresh ?? false, cancellationToken));

    private static async Task<Ok<ServiceStatus>> GetAsync(
        string id, IServiceHealth health, [FromQuery] bool? refresh, CancellationToken cancellationToken) =>
        TypedResults.Ok(await health.GetAsync(id, refresh ?? false, cancellationToken) ?? throw new ResourceNotFoundException($"The service '{id}'"));
}
