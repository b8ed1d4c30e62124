namespace Orchestration.Engine.Budget;

/// <summary>The caps, as named in <see cref="Models.BudgetExceededException.Scope"/> and budget_warning events.</summary>
internal static class BudgetScope
{
    public const string Daily = "daily";
    public const string Monthly = "monthly";
    public const string Project = "project";
}
