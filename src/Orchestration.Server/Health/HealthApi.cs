using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Storage.Schema;

namespace Orchestration.Server.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api/health", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().WithTags("Health");
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous().WithTags("Health").Produces<ReadyDto>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>Ready when the database answers and every migration is applied.</summary>
    private static async Task<Results<Ok<ReadyDto>, JsonHttpResult<ReadyDto>>> ReadyAsync(IDatabaseSchema schema, CancellationToken cancellationToken)
    {
        var status = await schema.ProbeAsync(cancellationToken);
        if (!status.Reachable)
        {
            return TypedResults.Json(new ReadyDto("unavailable", false, 0, schema.LatestVersion), statusCode: 503);
        }
        var ready = status.SchemaVersion >= schema.LatestVersion;
        var dto = new ReadyDto(ready ? "ready" : "migrating", true, status.SchemaVersion, schema.LatestVersion);
        return ready ? TypedResults.Ok(dto) : TypedResults.Json(dto, statusCode: 503);
    }

    public sealed record ReadyDto(string Status, bool Database, int SchemaVersion, int LatestSchemaVersion);
}
