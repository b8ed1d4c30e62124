using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Engine.Planning;
using Orchestration.Server.Auth;
using Orchestration.Storage.Spend;

namespace Orchestration.Server.Spend;

/// <summary>GET /api/usage/forecast-accuracy: how often finished runs stayed inside their plan's forecast range (the
/// caller's own projects; an administrator's, everyone's), and how much history the forecasts are calibrated on.</summary>
public static class ForecastAccuracyApi
{
    /// <summary>The most recent finished runs measured.</summary>
    public const int MaxRuns = 500;

    /// <summary>The most recent runs listed one by one (recent_runs), newest first.</summary>
    public const int ListedRuns = 20;

    public static IEndpointRouteBuilder MapForecastAccuracy(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/usage").WithTags("Spend").RequireAuthorization().MapGet("/forecast-accuracy", GetAsync);
        return app;
    }

    private static async Task<Ok<ForecastAccuracyDto>> GetAsync(ClaimsPrincipal user, IForecastHistoryStore history, ForecastCalibrations calibrations,
        CancellationToken cancellationToken)
    {
        var runs = await history.GetFinishedRunsAsync(user.IsAdmin() ? null : user.GetUserId(), MaxRuns, cancellationToken);
        // Plans approved before forecasts were stored have none to measure.
        var measured = runs.Select(r => (Run: r, Forecast: PlanJson.ReadForecast(r.ForecastJson))).Where(r => r.Forecast.Tasks.Count > 0)
            .Select(r => (r.Run, Low: r.Forecast.TotalUsdLow, High: r.Forecast.TotalUsdHigh, Actual: Money.FromNanos(r.Run.ActualNanos))).ToList();
        var accuracy = ForecastAccuracy.Of(measured.Select(r => (r.Low, r.High, r.Actual)));
        var recent = measured.Take(ListedRuns).Select(r => new RunForecastDto(r.Run.ProjectId, r.Run.ProjectName, r.Run.PlanId, r.Low, r.High,
            r.Actual, ForecastAccuracy.OutcomeOf(r.Low, r.High, r.Actual))).ToList();
        var calibration = await calibrations.RefreshAsync(cancellationToken);
        return TypedResults.Ok(new ForecastAccuracyDto(accuracy.Runs, accuracy.Inside, accuracy.Below, accuracy.Above,
            accuracy.InsideShare is { } share ? Math.Round(share, 4) : null,
            new CalibrationDto(calibration.Samples, calibration.CalibratedGroups, calibration.MinSamples), recent));
    }
}
