namespace Orchestration.Core.Planning;

/// <summary>One numbered requirement ("R1", ...): a paragraph of the project's requirements text.</summary>
public sealed record Requirement(string Id, string Text);
