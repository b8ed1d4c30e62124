using Microsoft.Extensions.AI;
using Orchestration.Core.Pricing;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>
/// M.E.AI usage → tokens per billing rate. Providers report the prompt total in InputTokenCount, cache reads in
/// CachedInputTokenCount and (Anthropic) cache writes in AdditionalCounts["CacheCreationInputTokens"].
/// </summary>
internal static class UsageMapping
{
    public const string CacheCreationKey = "CacheCreationInputTokens";

    public static TokenUsage? From(UsageDetails? usage)
    {
        if (usage is null || (usage.InputTokenCount is null && usage.OutputTokenCount is null))
        {
            return null;
        }
        var cacheRead = usage.CachedInputTokenCount ?? 0;
        var cacheWrite = usage.AdditionalCounts?.TryGetValue(CacheCreationKey, out var written) == true ? written : 0;
        var input = Math.Max(0, (usage.InputTokenCount ?? 0) - cacheRead - cacheWrite);
        return new TokenUsage(input, usage.OutputTokenCount ?? 0, cacheWrite, cacheRead);
    }
}
