namespace Orchestration.Bench;

/// <summary>One measured figure, printed as "name: value unit", or "name: value unit (baseline: value unit)" when the
/// same workload was also run under a baseline policy; "[target: ...]" follows when the figure has one.</summary>
public sealed record BenchResult(string Name, double Value, string Unit, double? Baseline = null, string? BaselineUnit = null, string? Target = null);
