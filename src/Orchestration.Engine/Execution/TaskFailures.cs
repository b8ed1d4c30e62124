namespace Orchestration.Engine.Execution;

/// <summary>Whether another attempt of a failed task may succeed.</summary>
internal static class TaskFailures
{
    public static bool IsTransient(Exception ex) => ex is not PermanentTaskFailureException;

    /// <summary>How long the provider asked us to wait, when it said.</summary>
    public static TimeSpan? RetryAfter(Exception ex) => null;
}

/// <summary>A failure that another attempt cannot fix (e.g. no provider configured).</summary>
internal sealed class PermanentTaskFailureException(string message) : Exception(message);
