namespace Orchestration.Core.Scheduling;

/// <summary>Where one project's run stands, from the scheduler's point of view.</summary>
public enum ProjectProgress
{
    /// <summary>Attempts are in flight, or tasks are ready or waiting out a retry delay.</summary>
    Running,

    /// <summary>Paused and nothing is in flight any more: the run can be put away.</summary>
    Drained,

    /// <summary>Every task completed (or was cancelled with nothing depending on it).</summary>
    Completed,

    /// <summary>Nothing can run and a task failed, or tasks are blocked behind a failed or cancelled one.</summary>
    Failed,

    /// <summary>Nothing can run until a person reviews a task; the project stays executing.</summary>
    WaitingForPeople,

    /// <summary>Nothing else can run and tasks are held by an exhausted budget cap: the project pauses until the cap
    /// is raised.</summary>
    WaitingForBudget,

    /// <summary>Tasks are ready for (or claimed by) external workers and nothing runs here; the project stays executing.</summary>
    WaitingForExternal,
}
