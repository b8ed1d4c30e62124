namespace Orchestration.Storage.Tasks;

/// <summary>A task cannot be changed in its current status (running or completed): 409.</summary>
public sealed class TaskConflictException(string message) : InvalidOperationException(message);
