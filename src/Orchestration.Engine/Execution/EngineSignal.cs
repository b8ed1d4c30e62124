namespace Orchestration.Engine.Execution;

/// <summary>Something the executor loop must react to. Signals are handled one at a time, in order.</summary>
internal abstract record EngineSignal(string ProjectId);

/// <summary>Re-read the project from the database (execute, resume, a retried task, a resolved review).</summary>
internal sealed record ProjectChanged(string ProjectId) : EngineSignal(ProjectId);

/// <summary>The project was paused (attempts finish) or cancelled (attempts are stopped).</summary>
internal sealed record ProjectStopped(string ProjectId, bool Cancelled) : EngineSignal(ProjectId);

/// <summary>One task was cancelled by a user; stop its attempt if one is in flight.</summary>
internal sealed record TaskCancelled(string ProjectId, string TaskId) : EngineSignal(ProjectId);

/// <summary>An attempt ended; its outcome is already committed.</summary>
internal sealed record AttemptEnded(string ProjectId, string TaskId, AttemptOutcome Outcome) : EngineSignal(ProjectId);

/// <summary>Another node changed the project: bring its statuses up to date (coalesced, read without a lock).</summary>
internal sealed record ProjectStale(string ProjectId) : EngineSignal(ProjectId);

/// <summary>Another node started (<paramref name="Completed"/> false) or completed an attempt of the task: applied to
/// the scheduler as it stands, without reading the database.</summary>
internal sealed record RanElsewhere(string ProjectId, string TaskId, bool Completed) : EngineSignal(ProjectId);

/// <summary>A retry delay is over.</summary>
internal sealed record WakeUp() : EngineSignal("");
