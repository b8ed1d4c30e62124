namespace Orchestration.Storage.Checkpoints;

/// <summary>Why a checkpoint was opened (its <c>checkpoint_type</c>).</summary>
public static class CheckpointTypes
{
    /// <summary>The task's automatic attempts failed (errors) until none was left.</summary>
    public const string RetryExhausted = "retry_exhausted";

    /// <summary>The verifier kept finding gaps until no verification retry was left.</summary>
    public const string VerificationExhausted = "verification_exhausted";
}
