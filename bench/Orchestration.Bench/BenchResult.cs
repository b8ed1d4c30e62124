namespace Orchestration.Bench;

/// <summary>One measured figure, printed as "name: value unit".</summary>
public sealed record BenchResult(string Name, double Value, string Unit);
