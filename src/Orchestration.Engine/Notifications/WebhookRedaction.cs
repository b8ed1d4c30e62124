namespace Orchestration.Engine.Notifications;

public static class WebhookRedaction
{
    /// <summary>A webhook url as logs and the API show it: without its query string or fragment, which may carry a token
    /// (project owners see the deliveries of a webhook an admin configured).</summary>
    public static string Url(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : url;
}
