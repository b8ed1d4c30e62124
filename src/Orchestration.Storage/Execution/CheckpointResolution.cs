using Orchestration.Storage.Checkpoints;

namespace Orchestration.Storage.Execution;

/// <summary>The checkpoint after a resolution, or the reason it was refused (409).</summary>
public sealed record CheckpointResolution(CheckpointRecord Checkpoint, string? Refusal)
{
    public bool Done => Refusal is null;
}
