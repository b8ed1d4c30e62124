namespace Orchestration.Engine.Health;

/// <summary>One entry of <c>GET /api/services</c> (docs/api.md, Services). Status: online | offline | degraded | checking.</summary>
public sealed record ServiceStatus(
    string Id, string Name, string Status, string Method, IReadOnlyDictionary<string, object?> Details, string Category)
{
    public const string Online = "online";
    public const string Offline = "offline";
    public const string Degraded = "degraded";
    public const string Checking = "checking";
}
