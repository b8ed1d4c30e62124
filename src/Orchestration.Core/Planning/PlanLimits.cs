namespace Orchestration.Core.Planning;

/// <summary>Size limits of a plan: a model (or a person) cannot store an unbounded graph or text through it.</summary>
public static class PlanLimits
{
    public const int MaxTasks = 200;
    public const int MaxPhases = 50;
    public const int MaxTitleLength = 200;
    public const int MaxTaskTypeLength = 64;
    public const int MaxSummaryLength = 10_000;
    public const int MaxDescriptionLength = 20_000;
    public const int MaxTextLength = 5_000;
    public const int MaxTools = 20;
    public const int MaxToolNameLength = 64;
    public const int MaxListItems = 200;
    public const int MaxPathLength = 500;
    public const int MaxSectionItems = 100;
    public const int MinPriority = 0;
    public const int MaxPriority = 1000;
    /// <summary>A validation answer lists at most this many problems; more would only bury the first ones.</summary>
    public const int MaxErrors = 50;
}
