namespace Orchestration.Core.Budget;

/// <summary>The caps, as named in budget refusals (the API's 402 problems) and budget_warning events.</summary>
public static class BudgetScope
{
    public const string Daily = "daily";
    public const string Monthly = "monthly";
    public const string Project = "project";
}
