namespace Orchestration.Engine.Planning;

/// <summary>Planning produced no plan; nothing was stored and the project is back in draft with the reason.
/// <see cref="Errors"/> lists the problems of the last answer by JSON path (empty when the model was unavailable).</summary>
public sealed class PlanningFailedException(PlanningFailureKind kind, string message, IReadOnlyDictionary<string, string[]> errors, Exception? inner = null)
    : Exception(message, inner)
{
    public PlanningFailureKind Kind { get; } = kind;
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
