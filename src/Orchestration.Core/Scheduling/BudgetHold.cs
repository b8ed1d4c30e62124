namespace Orchestration.Core.Scheduling;

/// <summary>Which of a project's tasks wait because a budget cap refused a call.</summary>
public enum BudgetHold
{
    None,

    /// <summary>Paid tasks wait; tasks on local (free) models keep running.</summary>
    Paid,

    /// <summary>Everything waits (a free task's call was refused too).</summary>
    All,
}
