using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Engine.Budget;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Usage;

namespace Orchestration.Server.Usage;

/// <summary>
/// Spend and the budget (GET /api/usage/...). A user sees their own usage, an admin everyone's; the caps are
/// global, so every user sees how much room they leave, but only an admin sees the installation's spend.
/// </summary>
public static class UsageApi
{
    public const int MaxDays = 90;
    private const int DefaultDays = 30;

    public static IEndpointRouteBuilder MapUsage(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/usage").WithTags("Usage").RequireAuthorization();
        group.MapGet("/summary", SummaryAsync);
        group.MapGet("/budget", BudgetAsync);
        group.MapGet("/daily", DailyAsync);
        group.MapGet("/by-project", ByProjectAsync);
        return app;
    }

    private static async Task<Ok<UsageSummaryDto>> SummaryAsync(
        ClaimsPrincipal user, IUsageStore usage, [FromQuery(Name = "project_id")] string? projectId, CancellationToken cancellationToken)
    {
        var scope = Scope(user);
        if (projectId is not null && !await usage.CanSeeProjectAsync(scope, projectId, cancellationToken))
        {
            throw new ResourceNotFoundException("The project");
        }
        return TypedResults.Ok((await usage.GetSummaryAsync(scope, projectId, cancellationToken)).ToDto());
    }

    private static async Task<Ok<BudgetStatusDto>> BudgetAsync(ClaimsPrincipal user, IBudgetStatusReader status, CancellationToken cancellationToken) =>
        TypedResults.Ok((await status.GetAsync(Scope(user), cancellationToken)).ToDto());

    private static async Task<Ok<List<DailyUsageDto>>> DailyAsync(
        ClaimsPrincipal user, IUsageStore usage, TimeProvider time, string? days, CancellationToken cancellationToken)
    {
        // Taken as text so that "abc" gets the same 422 as "0", naming the allowed range.
        var count = DefaultDays;
        if (days is not null && (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxDays))
        {
            new Validator().Add("days", $"'days' must be a whole number between 1 and {MaxDays} (got '{days}').").ThrowIfInvalid();
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var daily = await usage.GetDailyAsync(Scope(user), today.AddDays(1 - count), today, cancellationToken);
        return TypedResults.Ok(daily.Select(d => d.ToDto()).ToList());
    }

    private static async Task<Ok<List<ProjectUsageDto>>> ByProjectAsync(ClaimsPrincipal user, IUsageStore usage, CancellationToken cancellationToken) =>
        TypedResults.Ok((await usage.GetByProjectAsync(Scope(user), cancellationToken)).Select(p => p.ToDto()).ToList());

    /// <summary>The caller's own usage, or everyone's (null) for an admin.</summary>
    private static string? Scope(ClaimsPrincipal user) => user.IsAdmin() ? null : user.GetUserId();
}
