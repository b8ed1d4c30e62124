using Orchestration.Storage.Knowledge;

namespace Orchestration.Storage.Execution;

/// <summary>What a successful attempt produced, with how it was verified and what was learned from it.</summary>
public sealed record AttemptResult(string OutputText, string ModelUsed, long PromptTokens, long CompletionTokens, long CostNanos)
{
    /// <summary>passed | skipped (wire string), or null when verification is off.</summary>
    public string? VerificationStatus { get; init; }
    public string? VerificationNotes { get; init; }
    public IReadOnlyList<OutputArtifact> Artifacts { get; init; } = [];
    /// <summary>The budget stopped the tool loop; the output is what was done by then.</summary>
    public bool Partial { get; init; }
    public IReadOnlyList<NewFinding> Findings { get; init; } = [];
}

/// <summary>A budget cap that refused a call: its scope (daily, monthly, project), limit and the refusal message.</summary>
public sealed record BudgetStop(string Scope, decimal LimitUsd, string Message);
