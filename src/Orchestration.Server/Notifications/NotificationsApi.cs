using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Notifications;

namespace Orchestration.Server.Notifications;

/// <summary>Webhook deliveries (GET /api/notifications/deliveries): those of the caller's own projects, everyone's for an
/// admin; newest first, paged with offset/limit and the total in X-Total-Count.</summary>
public static class NotificationsApi
{
    private static readonly string[] Statuses = [NotificationDelivery.Pending, NotificationDelivery.Delivered, NotificationDelivery.Failed];

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/deliveries", DeliveriesAsync).ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<List<DeliveryDto>>> DeliveriesAsync(
        HttpContext context, INotificationStore store, [FromQuery(Name = "project_id")] string? projectId, string? status, int? offset, int? limit,
        CancellationToken cancellationToken)
    {
        var validator = new Validator().Range("offset", offset, 0, int.MaxValue).Range("limit", limit, 1, 500);
        if (status is not null && !Statuses.Contains(status))
        {
            validator.Add("status", $"'status' must be one of {string.Join(", ", Statuses)} (got '{status}').");
        }
        validator.ThrowIfInvalid();
        var owner = context.User.IsAdmin() ? null : context.User.GetUserId();
        var (items, total) = await store.ListAsync(new DeliveryQuery(owner, projectId, status, offset ?? 0, limit ?? 50), cancellationToken);
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(items.Select(d => d.ToDto()).ToList());
    }
}
