namespace Orchestration.Core.Planning.Diff;

/// <summary>How a diff pairs a task of one plan with a task of the other (docs/planning.md, "Plan diffs").</summary>
public static class TaskMatch
{
    /// <summary>The same title, ignoring case and surrounding spaces: a valid plan never repeats a title.</summary>
    public const string ByTitle = "title";

    /// <summary>A renamed task: among tasks left unpaired by title, the only one on each side with this description.</summary>
    public const string ByDescription = "description";
}
