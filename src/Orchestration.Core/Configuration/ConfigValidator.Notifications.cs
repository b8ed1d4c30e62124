using Orchestration.Core.Notifications;

namespace Orchestration.Core.Configuration;

public static partial class ConfigValidator
{
    private static IEnumerable<string> ValidateNotifications(NotificationsOptions n, WaitExpiryOptions expiry)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < n.Webhooks.Count; i++)
        {
            var hook = n.Webhooks[i];
            var key = $"notifications.webhooks[{i}]";
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
            {
                // NOTE: the URL is shown, the secret never is; user info in a URL would be a secret in the logs and the API.
                yield return $"'{key}.url' must be an absolute http(s) URL without user:password@ (got '{hook.Url}'), e.g. \"https://hooks.example.com/orch\".";
            }
            else if (!seen.Add(hook.Url))
            {
                yield return $"'{key}.url' repeats '{hook.Url}'; list each receiver once (its events can name several kinds).";
            }
            if (string.IsNullOrWhiteSpace(hook.Secret))
            {
                yield return $"'{key}.secret' must be set: the receiver checks each delivery's X-Orch-Signature with it. Generate one with `openssl rand -hex 32`.";
            }
            foreach (var kind in hook.Events.Where(k => !NotificationKinds.All.Contains(k)))
            {
                yield return $"'{key}.events' entry '{kind}' is not a notification kind; use any of {string.Join(", ", NotificationKinds.All)}.";
            }
        }
        if (n.MaxAttempts is < 1 or > 50)
        {
            yield return $"'notifications.max_attempts' must be between 1 and 50 (got {n.MaxAttempts}).";
        }
        if (n.QueueCapacity < 1)
        {
            yield return $"'notifications.queue_capacity' must be ≥ 1 (got {n.QueueCapacity}).";
        }
        foreach (var (name, value) in new (string, double)[]
                 {
                     ("notifications.timeout_seconds", n.TimeoutSeconds), ("notifications.retry_backoff_base_seconds", n.RetryBackoffBaseSeconds),
                     ("notifications.retry_backoff_max_seconds", n.RetryBackoffMaxSeconds),
                 })
        {
            if (value <= 0)
            {
                yield return $"'{name}' must be > 0 seconds (got {value}).";
            }
        }
        if (!WaitExpiryOptions.Actions.Contains(expiry.Action))
        {
            yield return $"'execution.wait_expiry.action' must be one of {string.Join(", ", WaitExpiryOptions.Actions)} (got '{expiry.Action}').";
        }
        if (expiry.AfterHours <= 0)
        {
            yield return $"'execution.wait_expiry.after_hours' must be > 0 hours (got {expiry.AfterHours}).";
        }
    }
}
