using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Spend;

namespace Orchestration.Server.Spend;

/// <summary>
/// What a run cost beside what it would have cost routed otherwise (docs/spend.md). A run's report is its owner's only
/// (someone else's project is a 404, for an administrator too); the report over a period is an administrator's.
/// </summary>
public static class CostReportApi
{
    public const int MaxDays = 366;
    private const int DefaultDays = 30;
    private const string DateFormat = "yyyy-MM-dd";

    public static IEndpointRouteBuilder MapCostReports(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/projects/{id}/runs/{run}").WithTags("Spend").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        runs.MapGet("/cost-report", (string id, string run, string? routing, ClaimsPrincipal user, ISpendStore store, CostReports reports,
            CancellationToken ct) => RunReportAsync(id, run, RoutingTableInput.FromQuery(routing), user, store, reports, ct));
        runs.MapPost("/cost-report", (string id, string run, [FromBody] RoutingTableDto? routing, ClaimsPrincipal user, ISpendStore store,
            CostReports reports, CancellationToken ct) => RunReportAsync(id, run, routing, user, store, reports, ct));

        app.MapGroup("/api/admin").WithTags("Spend").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy)
            .MapGet("/cost-report", PeriodReportAsync).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapForecastAccuracy();
        return app;
    }

    private static async Task<Ok<CostReportDto>> RunReportAsync(string id, string run, RoutingTableDto? routing, ClaimsPrincipal user,
        ISpendStore store, CostReports reports, CancellationToken cancellationToken)
    {
        long? number = null;
        if (run != "latest")
        {
            if (!long.TryParse(run, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                new Validator().Add("run", $"'run' must be a run number (1, 2, ...) or 'latest' (got '{run}').").ThrowIfInvalid();
            }
            number = parsed;
        }
        var found = await store.FindRunAsync(user.GetUserId(), id, number, cancellationToken)
            ?? throw new ResourceNotFoundException("The project's run");
        var calls = await store.GetRunCallsAsync(id, found, cancellationToken);
        return TypedResults.Ok(reports.Price(calls, routing).ToDto(id, found, null, null));
    }

    private static async Task<Ok<CostReportDto>> PeriodReportAsync(string? from, string? to, string? routing, ISpendStore store,
        CostReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var last = Day(validator, "to", to) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = Day(validator, "from", from) ?? last.AddDays(1 - DefaultDays);
        if (first > last || last.DayNumber - first.DayNumber >= MaxDays)
        {
            validator.Add("from", $"'from' must be on or before 'to' and at most {MaxDays} days before it.");
        }
        validator.ThrowIfInvalid();
        var table = RoutingTableInput.FromQuery(routing);
        var calls = await store.GetCallsAsync(Epoch(first), Epoch(last.AddDays(1)), cancellationToken);
        return TypedResults.Ok(reports.Price(calls, table).ToDto(null, null, first.ToString(DateFormat, CultureInfo.InvariantCulture),
            last.ToString(DateFormat, CultureInfo.InvariantCulture)));
    }

    private static DateOnly? Day(Validator validator, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        validator.Add(field, $"'{field}' must be a date as YYYY-MM-DD (got '{value}').");
        return null;
    }

    private static double Epoch(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
}
