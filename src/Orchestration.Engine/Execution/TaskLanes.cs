using Orchestration.Core.Configuration;

namespace Orchestration.Engine.Execution;

/// <summary>Which provider (concurrency lane) a task's tier runs on, and the lanes' own limits.</summary>
internal sealed class TaskLanes(OrchestrationConfig config)
{
    public IReadOnlyDictionary<string, int> Limits { get; } = new Dictionary<string, int>
    {
        ["anthropic"] = Math.Max(1, config.Anthropic.MaxConcurrent),
    };

    public string LaneOf(string tier)
    {
        if (tier == "ollama")
        {
            return "ollama";
        }
        return config.Providers.Default switch
        {
            "auto" => string.IsNullOrEmpty(config.Anthropic.ApiKey) ? "simulated" : "anthropic",
            var provider => provider,
        };
    }

    /// <summary>Expected relative duration by complexity, for the critical path.</summary>
    public static double WeightOf(string complexity) => complexity switch
    {
        "simple" => 1,
        "complex" => 4,
        _ => 2,
    };
}
