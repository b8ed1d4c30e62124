namespace Orchestration.Core.Tests;

/// <summary>
/// How many cases a property test samples. Each class picks a default small enough for every run; a nightly run sets
/// ORCH_PROPERTY_ITERATIONS (e.g. 10000) to sample that many cases of every property instead.
/// </summary>
internal static class PropertyIterations
{
    public const string Variable = "ORCH_PROPERTY_ITERATIONS";

    public static long Or(long defaultIterations) =>
        long.TryParse(Environment.GetEnvironmentVariable(Variable), out var iterations) && iterations > 0 ? iterations : defaultIterations;
}
