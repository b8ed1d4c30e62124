namespace Orchestration.Storage.Execution;

/// <summary>Which tasks a slice of the graph holds, relative to one task.</summary>
public enum SliceScope
{
    /// <summary>The tasks that depend on it directly.</summary>
    Dependants,
    /// <summary>Every task downstream of it.</summary>
    Downstream,
    /// <summary>The task itself and every task downstream of it.</summary>
    SelfAndDownstream,
}
