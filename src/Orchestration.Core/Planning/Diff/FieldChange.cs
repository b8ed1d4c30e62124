namespace Orchestration.Core.Planning.Diff;

/// <summary>One field's old and new value: a string, a number, a list of strings, or null (absent).</summary>
public sealed record FieldChange(string Field, object? Before, object? After);
