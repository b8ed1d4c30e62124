namespace Orchestration.Storage.Execution;

/// <summary>An external worker's claim of a task: the attempt's context, or why the claim was refused.</summary>
public sealed record ExternalClaim(AttemptContext? Context, string? Refusal)
{
    public static ExternalClaim Refused(string refusal) => new(null, refusal);
}

/// <summary>How external claims are told apart: the lease owner is <c>external:&lt;user id&gt;</c>.</summary>
public static class ExternalWorkers
{
    public const string OwnerPrefix = "external:";

    public static string OwnerOf(string userId) => OwnerPrefix + userId;
}
