namespace Orchestration.Storage.ApiKeys;

public sealed class ApiKey
{
    public string Id { get; init; } = "";
    public string UserId { get; init; } = "";
    public string Name { get; init; } = "";
    public string KeyPrefix { get; init; } = "";
    public bool IsActive { get; init; } = true;
    public double CreatedAt { get; init; }
    public double? LastUsedAt { get; init; }
}
