using Orchestration.Core.Domain;

namespace Orchestration.Core.Planning;

/// <summary>The estimated cost range of one task. <see cref="Priced"/> is false when its model has no price
/// (the estimate is then 0 and the budget will refuse the call when it runs).</summary>
public sealed record TaskForecast(
    int Index, ModelTier ModelTier, string Model, string Provider, decimal EstCostUsdLow, decimal EstCostUsdHigh, bool Priced);
