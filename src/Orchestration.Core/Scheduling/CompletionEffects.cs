namespace Orchestration.Core.Scheduling;

/// <summary>What a completed task changed: the dependants that became ready, and the wave it closed, if any
/// (every task of that wave completed while a later wave still has work).</summary>
public sealed record CompletionEffects(IReadOnlyList<string> NewlyReady, long? WaveFinished);
