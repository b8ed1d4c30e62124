using Orchestration.Core.Domain;

namespace Orchestration.Core.Planning;

/// <summary>
/// Per-task token estimates learned from this installation's finished tasks. A task's estimate comes from the finished
/// tasks of the same type, complexity and tier when there are at least <see cref="MinSamples"/> of them, else from
/// those of the same complexity and tier, else those of the same tier, else from the constants
/// (<see cref="PlanForecaster.EstimateFor"/>). The low
/// end is the 5th percentile of what they used, the high end the 95th, so a plan's range holds most runs. What a task's
/// verification and knowledge calls cost is learned the same way, as <see cref="OverheadFor"/> (none with the constants).
/// </summary>
public sealed class ForecastCalibration
{
    public const int DefaultMinSamples = 5;
    private const double LowQuantile = 0.05;
    private const double HighQuantile = 0.95;

    private readonly Dictionary<(string, TaskComplexity, ModelTier), Learned> _exact;
    private readonly Dictionary<(TaskComplexity, ModelTier), Learned> _byComplexity;
    private readonly Dictionary<ModelTier, Learned> _byTier;

    private ForecastCalibration(Dictionary<(string, TaskComplexity, ModelTier), Learned> exact,
        Dictionary<(TaskComplexity, ModelTier), Learned> byComplexity, Dictionary<ModelTier, Learned> byTier, int samples, int minSamples) =>
        (_exact, _byComplexity, _byTier, Samples, MinSamples) = (exact, byComplexity, byTier, samples, minSamples);

    /// <summary>No history: every estimate is the constant one.</summary>
    public static ForecastCalibration None { get; } = new([], [], [], 0, DefaultMinSamples);

    /// <summary>How many finished tasks the calibration learned from.</summary>
    public int Samples { get; }

    public int MinSamples { get; }

    /// <summary>How many (type, complexity, tier) groups have enough history to use their own figures.</summary>
    public int CalibratedGroups => _exact.Count;

    public static ForecastCalibration From(IEnumerable<TaskTokenSample> samples, int minSamples = DefaultMinSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minSamples, 1);
        var all = samples.ToList();
        var exact = all.GroupBy(s => (s.TaskType, s.Complexity, s.Tier))
            .Where(g => g.Count() >= minSamples).ToDictionary(g => g.Key, g => Estimate(g.ToList()));
        var byComplexity = all.GroupBy(s => (s.Complexity, s.Tier))
            .Where(g => g.Count() >= minSamples).ToDictionary(g => g.Key, g => Estimate(g.ToList()));
        var byTier = all.GroupBy(s => s.Tier)
            .Where(g => g.Count() >= minSamples).ToDictionary(g => g.Key, g => Estimate(g.ToList()));
        return new ForecastCalibration(exact, byComplexity, byTier, all.Count, minSamples);
    }

    public TokenEstimate EstimateFor(string taskType, TaskComplexity complexity, ModelTier tier) =>
        Find(taskType, complexity, tier)?.Tokens ?? PlanForecaster.EstimateFor(complexity);

    /// <summary>What the task's other calls (verification, knowledge) cost, low and high, in nano-dollars.</summary>
    public (long LowNanos, long HighNanos) OverheadFor(string taskType, TaskComplexity complexity, ModelTier tier) =>
        Find(taskType, complexity, tier) is { } learned ? (learned.OverheadLowNanos, learned.OverheadHighNanos) : (0, 0);

    private sealed record Learned(TokenEstimate Tokens, long OverheadLowNanos, long OverheadHighNanos);

    private Learned? Find(string taskType, TaskComplexity complexity, ModelTier tier) =>
        _exact.TryGetValue((taskType, complexity, tier), out var exact) ? exact
        : _byComplexity.TryGetValue((complexity, tier), out var near) ? near
        : _byTier.TryGetValue(tier, out var far) ? far
        : null;

    private static Learned Estimate(IReadOnlyList<TaskTokenSample> group)
    {
        var prompt = group.Select(s => s.PromptTokens).Order().ToArray();
        var output = group.Select(s => s.OutputTokens).Order().ToArray();
        var other = group.Select(s => s.OtherCostNanos).Order().ToArray();
        return new Learned(
            new TokenEstimate(Quantile(prompt, LowQuantile), Quantile(prompt, HighQuantile), Quantile(output, LowQuantile), Quantile(output, HighQuantile)),
            Quantile(other, LowQuantile), Quantile(other, HighQuantile));
    }

    /// <summary>The nearest-rank quantile of sorted values, rounded outwards (down for the low end, up for the high end).</summary>
    private static long Quantile(long[] sorted, double q)
    {
        var rank = q * (sorted.Length - 1);
        return q < 0.5 ? sorted[(int)Math.Floor(rank)] : sorted[(int)Math.Ceiling(rank)];
    }
}
