using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Events;

namespace Orchestration.Engine.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Webhook notifications (<c>notifications</c>): when webhooks are configured, the event bus feeds a bounded queue
    /// (<see cref="IEventSink"/>), a background service writes the outbox table and another sends and retries the
    /// deliveries. Without webhooks nothing is registered and events cost nothing more.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, NotificationsOptions options)
    {
        if (options.Webhooks.Count == 0)
        {
            return services;
        }
        services.TryAddSingleton(options);
        services.TryAddSingleton<NotificationQueue>();
        services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<NotificationQueue>());
        services.TryAddSingleton<WebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        services.AddHostedService<NotificationOutbox>();
        services.AddHttpClient(WebhookSender.HttpClientName, c =>
        {
            c.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
            c.DefaultRequestHeaders.UserAgent.ParseAdd("orch-webhooks/1.0");
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }
}
