using Orchestration.Core.Notifications;

namespace Orchestration.Core.Configuration;

/// <summary>One receiver: every delivery of the kinds in <see cref="Events"/> is POSTed to <see cref="Url"/>, signed with
/// <see cref="Secret"/>.</summary>
public sealed class WebhookOptions
{
    public string Url { get; set; } = "";
    public string Secret { get; set; } = "";
    /// <summary>Delivery kinds (<see cref="NotificationKinds"/>); empty or absent means every kind.</summary>
    public List<string> Events { get; set; } = [];

    public bool Wants(string kind) => Events.Count == 0 || Events.Contains(kind, StringComparer.Ordinal);
}
