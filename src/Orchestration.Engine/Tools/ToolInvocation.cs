using System.Collections.Concurrent;
using Orchestration.Engine.Tools.Files;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Tools;

/// <summary>What a tool call runs for: the project and task (and whose they are), the project's workspace, and the files
/// written so far.</summary>
public sealed class ToolInvocation(string projectId, string taskId, ProjectWorkspace workspace, string? userId = null)
{
    private readonly ConcurrentDictionary<string, long> _written = new(StringComparer.Ordinal);

    public string ProjectId { get; } = projectId;
    public string TaskId { get; } = taskId;
    public ProjectWorkspace Workspace { get; } = workspace;

    /// <summary>The project owner, whom a tool that calls a model (local_llm) charges. Null until known: the tool loop
    /// binds it from the attempt when the invocation was made without it.</summary>
    public string? UserId { get; private set; } = userId;

    /// <summary>Model spend of the attempt: its rounds and its tools' own model calls.</summary>
    public AttemptSpend Spend { get; } = new();

    /// <summary>Files written by this attempt (relative paths, last size), in path order.</summary>
    public IReadOnlyList<OutputArtifact> Artifacts =>
        _written.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new OutputArtifact(w.Key, w.Value)).ToList();

    public void RecordWrite(string relativePath, long bytes) => _written[relativePath] = bytes;

    /// <summary>Sets <see cref="UserId"/> unless it is already known.</summary>
    internal void BindUser(string userId) => UserId ??= userId;
}
