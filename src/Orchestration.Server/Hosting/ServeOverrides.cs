namespace Orchestration.Server.Hosting;

/// <summary>What `orch serve` flags override in config.json; null means "as configured".</summary>
public sealed record ServeOverrides(string? Host = null, int? Port = null, string? ConfigPath = null, string? DataDir = null);
