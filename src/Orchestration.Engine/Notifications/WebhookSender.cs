using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Storage.Notifications;

namespace Orchestration.Engine.Notifications;

/// <summary>
/// Sends due deliveries from the outbox, a few at a time, each attempt recorded on its row: delivered on a 2xx; a network
/// error, a timeout, a 408, a 429 or a 5xx is tried again after min(base · 2^(n-1), max) seconds until
/// notifications.max_attempts; any other answer fails it at once. The next attempt's time is stored, so retries survive a
/// restart; a claimed row is leased, so on a cluster one node sends it.
/// </summary>
internal sealed partial class WebhookSender(
    INotificationStore store, IHttpClientFactory httpClients, NotificationsOptions options, TimeProvider time, ILogger<WebhookSender> logger)
    : BackgroundService
{
    public const string HttpClientName = "orch-webhooks";
    private const int MaxParallel = 8;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _slots = new(MaxParallel, MaxParallel);

    /// <summary>Something was enqueued or finished: look for due deliveries now.</summary>
    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sending = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _slots.WaitAsync(stoppingToken);
                var free = 1;
                while (free < MaxParallel && _slots.Wait(0, CancellationToken.None))
                {
                    free++;
                }
                var now = time.NowEpoch();
                IReadOnlyList<NotificationDelivery> due;
                try
                {
                    due = await store.ClaimDueAsync(now, now + options.TimeoutSeconds + 30, free, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogStoreFailed(logger, ex);
                    due = [];
                }
                if (free > due.Count)
                {
                    _slots.Release(free - due.Count);
                }
                sending.RemoveAll(t => t.IsCompleted);
                sending.AddRange(due.Select(d => SendAsync(d, stoppingToken)));
                if (due.Count == 0)
                {
                    await IdleAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Deliveries cut short keep their lease and attempt count; they are sent again after the lease.
        }
        await Task.WhenAll(sending);
    }

    /// <summary>Waits until woken, or until the next delivery is due (at most <see cref="IdlePoll"/>: other nodes enqueue
    /// and retry too).</summary>
    private async Task IdleAsync(CancellationToken cancellationToken)
    {
        var delay = IdlePoll;
        try
        {
            if (await store.NextDueAsync(cancellationToken) is { } next)
            {
                var seconds = Math.Clamp(next - time.NowEpoch(), 0.01, IdlePoll.TotalSeconds);
                delay = TimeSpan.FromSeconds(seconds);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogStoreFailed(logger, ex);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(delay);
        try
        {
            await _wake.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Due, or time to look again.
        }
    }

    private async Task SendAsync(NotificationDelivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            var (statusCode, error, retryable) = await AttemptAsync(delivery, stoppingToken);
            var attempts = delivery.Attempts + 1;
            var now = time.NowEpoch();
            DeliveryOutcome outcome;
            if (error is null)
            {
                outcome = new(NotificationDelivery.Delivered, attempts, statusCode, null, null, now);
                LogDelivered(logger, delivery.Id, delivery.Kind, WebhookRedaction.Url(delivery.Url), statusCode ?? 0, attempts);
            }
            else if (retryable && attempts < options.MaxAttempts)
            {
                var wait = Math.Min(options.RetryBackoffBaseSeconds * Math.Pow(2, attempts - 1), options.RetryBackoffMaxSeconds);
                outcome = new(NotificationDelivery.Pending, attempts, statusCode, error, now + wait, null);
                LogRetrying(logger, delivery.Id, WebhookRedaction.Url(delivery.Url), attempts, error, wait);
            }
            else
            {
                outcome = new(NotificationDelivery.Failed, attempts, statusCode, error, null, null);
                LogFailed(logger, delivery.Id, WebhookRedaction.Url(delivery.Url), attempts, error);
            }
            await store.RecordAsync(delivery.Id, delivery.Attempts, outcome, stoppingToken);
            if (outcome.Status == NotificationDelivery.Pending)
            {
                Wake();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and the attempt is made again.
        }
        catch (Exception ex)
        {
            LogStoreFailed(logger, ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>One POST. Returns the status code (when there was an answer), the error (null when delivered) and whether
    /// the error is worth another attempt.</summary>
    private async Task<(int? StatusCode, string? Error, bool Retryable)> AttemptAsync(NotificationDelivery delivery, CancellationToken stoppingToken)
    {
        // NOTE: the secret is looked up in the config, never stored or logged; a url no longer configured cannot be signed.
        if (options.Webhooks.FirstOrDefault(w => string.Equals(w.Url, delivery.Url, StringComparison.OrdinalIgnoreCase)) is not { } hook)
        {
            return (null, "No webhook with this url is configured any more.", false);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Create(hook.Secret, time.GetUtcNow().ToUnixTimeSeconds(), delivery.Body));
        request.Headers.TryAddWithoutValidation(WebhookSignature.DeliveryHeader, delivery.Id);
        request.Headers.TryAddWithoutValidation("X-Orch-Event", delivery.EventType);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stoppingToken);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? (code, null, false)
                : (code, $"HTTP {code} {response.ReasonPhrase}".TrimEnd(), code >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout);
        }
        catch (HttpRequestException ex)
        {
            return (null, "Network error: " + (ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : ex.HttpRequestError.ToString()), true);
        }
        catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Timed out after {options.TimeoutSeconds:0.###} s."), true);
        }
    }

    [LoggerMessage(EventId = 8603, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} ({Kind}) to {Url}: HTTP {StatusCode} after {Attempts} attempt(s)")]
    private static partial void LogDelivered(ILogger logger, string deliveryId, string kind, string url, int statusCode, long attempts);

    [LoggerMessage(EventId = 8604, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to {Url}, attempt {Attempts}: {Error}; next attempt in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, string deliveryId, string url, long attempts, string error, double seconds);

    [LoggerMessage(EventId = 8605, Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} to {Url} failed after {Attempts} attempt(s): {Error}")]
    private static partial void LogFailed(ILogger logger, string deliveryId, string url, long attempts, string error);

    [LoggerMessage(EventId = 8606, Level = LogLevel.Error, Message = "The webhook outbox could not be read or updated; trying again")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
