namespace Orchestration.Storage.Usage;

public sealed record ProviderUsage(long Calls, long CostNanos);
