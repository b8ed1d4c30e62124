using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orchestration.Server.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>The SSE side of events: stream tokens and the stream itself (the log and bus come from AddExecution).</summary>
    public static IServiceCollection AddEventStreaming(this IServiceCollection services)
    {
        services.TryAddSingleton(new EventStreamOptions());
        services.TryAddSingleton<SseTokens>();
        services.TryAddSingleton<EventStream>();
        return services;
    }
}
