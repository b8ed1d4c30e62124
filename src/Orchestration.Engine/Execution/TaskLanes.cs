using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Routing;

namespace Orchestration.Engine.Execution;

/// <summary>Which provider (concurrency lane) a task's tier runs on, and the lanes' own limits
/// (anthropic.max_concurrent), so a task waiting for its provider never holds a worker.</summary>
internal sealed class TaskLanes(AnthropicOptions anthropic, ModelRouter router)
{
    public IReadOnlyDictionary<string, int> Limits { get; } = new Dictionary<string, int>
    {
        ["anthropic"] = Math.Max(1, anthropic.MaxConcurrent),
    };

    public string LaneOf(string tier) =>
        WireNames.TryParse<ModelTier>(tier, out var parsed) ? router.ProviderFor(parsed) : router.ProviderFor(ModelTier.Haiku);

    /// <summary>Expected relative duration by complexity, for the critical path.</summary>
    public static double WeightOf(string complexity) => complexity switch
    {
        "simple" => 1,
        "complex" => 4,
        _ => 2,
    };
}
