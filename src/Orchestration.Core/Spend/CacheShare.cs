using Orchestration.Core.Pricing;

namespace Orchestration.Core.Spend;

/// <summary>How much of the prompt tokens were read from the provider's prompt cache (billed at about a tenth of the
/// input rate). <see cref="ReadShare"/> is 0 when there were no prompt tokens.</summary>
public sealed record CacheShare(long PromptTokens, long CacheReadTokens, long CacheWriteTokens)
{
    public double ReadShare => PromptTokens == 0 ? 0 : (double)CacheReadTokens / PromptTokens;

    public static CacheShare Of(IEnumerable<TokenUsage> calls)
    {
        long prompt = 0, read = 0, write = 0;
        foreach (var tokens in calls)
        {
            (prompt, read, write) = (prompt + tokens.PromptTotal, read + tokens.CacheRead, write + tokens.CacheWrite);
        }
        return new CacheShare(prompt, read, write);
    }
}
