namespace Orchestration.Storage.Identities;

public sealed class UserIdentity
{
    public string Id { get; init; } = "";
    public string UserId { get; init; } = "";
    public string Provider { get; init; } = "";
    public string ProviderUserId { get; init; } = "";
    public string? ProviderEmail { get; init; }
    public double CreatedAt { get; init; }
}
