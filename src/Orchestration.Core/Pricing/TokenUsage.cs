namespace Orchestration.Core.Pricing;

/// <summary>
/// Tokens of one model call, each part billed at its own rate. <see cref="Input"/> excludes the cached parts:
/// a call that wrote 1,000 prompt tokens to the cache and read 500 from it has Input = the rest of the prompt.
/// </summary>
public readonly record struct TokenUsage(long Input, long Output, long CacheWrite, long CacheRead)
{
    /// <summary>Every prompt token, cached or not.</summary>
    public long PromptTotal => Input + CacheWrite + CacheRead;
}
