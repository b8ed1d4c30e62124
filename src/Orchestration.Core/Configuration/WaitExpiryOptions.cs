namespace Orchestration.Core.Configuration;

/// <summary><c>execution.wait_expiry</c>: what happens to a review or checkpoint nobody answers.</summary>
public sealed class WaitExpiryOptions
{
    public const string Approve = "approve";
    public const string Skip = "skip";
    public const string Fail = "fail";
    public const string None = "none";

    public static readonly IReadOnlyList<string> Actions = [Approve, Skip, Fail, None];

    /// <summary>How long a task may wait for a person (since it last changed) before <see cref="Action"/> is taken.</summary>
    public double AfterHours { get; set; } = 72;
    /// <summary>approve | skip | fail | none (the default: waits never end on their own).</summary>
    public string Action { get; set; } = None;

    public bool Enabled => Action != None;
}
