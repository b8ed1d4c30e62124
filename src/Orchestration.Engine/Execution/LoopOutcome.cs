using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Execution;

/// <summary>What the model produced over the rounds of one attempt. <see cref="Stopped"/> is set when the budget ended
/// the loop before the model finished (the output is then partial).</summary>
internal sealed record LoopOutcome(
    string Output, string Model, long PromptTokens, long CompletionTokens, long CostNanos, int Rounds,
    IReadOnlyList<OutputArtifact> Artifacts, BudgetStop? Stopped)
{
    public bool Partial => Stopped is not null;
}
