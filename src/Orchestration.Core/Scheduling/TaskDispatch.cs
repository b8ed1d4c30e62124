namespace Orchestration.Core.Scheduling;

/// <summary>A decision to start one attempt of a task now. The scheduler already counts it as running.</summary>
public sealed record TaskDispatch(string ProjectId, string TaskId, string Lane);
