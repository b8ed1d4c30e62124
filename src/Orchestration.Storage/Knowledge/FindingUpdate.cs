namespace Orchestration.Storage.Knowledge;

/// <summary>A person's change to a finding, guarded by the status it had when they read it. Null fields are left as
/// they are; a new <see cref="Content"/> also renews the dedupe key.</summary>
public sealed record FindingUpdate(string Id, string ExpectedStatus, string Status)
{
    public string? Content { get; init; }
    public string? Category { get; init; }
    /// <summary>Who accepted or rejected it (set with the status).</summary>
    public string? ReviewedBy { get; init; }
    /// <summary>Who changed its text or category.</summary>
    public string? EditedBy { get; init; }
}
