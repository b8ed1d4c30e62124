using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Core.Budget;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Engine.Planning;
using Orchestration.Storage.Tasks;

namespace Orchestration.Server.Plans;

/// <summary>
/// Turns planning failures into problems: an invalid plan is a 422 whose detail is the first problem (naming the
/// cycle or the field) with every problem under <c>errors</c>; an unreachable planning model is a 502; a plan or task
/// in the wrong state is a 409. Other exceptions go on to the global handler.
/// </summary>
internal static class PlanningProblems
{
    public static TBuilder WithPlanningProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (PlanValidationException e)
            {
                return Validation("The plan is not valid: " + e.Result.Summary, e.Result.Errors);
            }
            catch (PlanningFailedException e) when (e.Kind == PlanningFailureKind.InvalidPlan)
            {
                return Validation(e.Message, e.Errors);
            }
            catch (PlanningFailedException e)
            {
                return Problem(StatusCodes.Status502BadGateway, "Planning model unavailable", e.Message);
            }
            catch (ForecastOverBudgetException e)
            {
                return OverBudget(e.Shortfall);
            }
            catch (PlanConflictException e)
            {
                return Problem(StatusCodes.Status409Conflict, "Conflict", e.Message);
            }
            catch (TaskConflictException e)
            {
                return Problem(StatusCodes.Status409Conflict, "Conflict", e.Message);
            }
        });

    private static ProblemHttpResult Validation(string detail, IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Invalid plan",
            Detail = detail,
        });

    /// <summary>402 naming the cap, with the amounts as numbers (USD) beside the detail text.</summary>
    private static ProblemHttpResult OverBudget(ForecastShortfall s) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status402PaymentRequired,
            Title = "Forecast exceeds budget",
            Detail = s.Message,
            Extensions =
            {
                ["cap"] = s.Cap.Scope,
                ["forecast_high_usd"] = Money.ToJson(s.ForecastHighNanos),
                ["room_usd"] = Money.ToJson(s.RoomNanos),
                ["shortfall_usd"] = Money.ToJson(s.ShortfallNanos),
                ["limit_usd"] = Money.ToJson(s.Cap.LimitNanos),
                ["spent_usd"] = Money.ToJson(s.Cap.SpentNanos),
                ["reserved_usd"] = Money.ToJson(s.Cap.ReservedNanos),
            },
        });

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
