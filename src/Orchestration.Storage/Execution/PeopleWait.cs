using Orchestration.Storage.Checkpoints;

namespace Orchestration.Storage.Execution;

/// <summary>Why an attempt ends with its task waiting for a person (needs_review), and the checkpoint to open, if any.</summary>
/// <param name="Reason">human_needed | verification_exhausted | retry_exhausted.</param>
/// <param name="Message">The event message (names the task and what it waits for).</param>
/// <param name="Error">The failure that used up the attempts (null when the attempt produced an output).</param>
public sealed record PeopleWait(string Reason, string Message, NewCheckpoint? Checkpoint, string? Error = null);
