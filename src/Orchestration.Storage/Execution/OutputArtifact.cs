namespace Orchestration.Storage.Execution;

/// <summary>A file a task wrote into its project's workspace (path relative to the workspace).</summary>
public sealed record OutputArtifact(string Path, long Bytes);
