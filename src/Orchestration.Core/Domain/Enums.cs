using System.Text.Json.Serialization;

namespace Orchestration.Core.Domain;

// NOTE: on the wire every enum is its snake_case lower name (docs/api.md, Conventions), except planning rigor (L1 L2
// L3). Storage uses the same strings, through WireNames.

public enum ProjectStatus { Draft, Planning, Ready, Executing, Paused, Completed, Failed, Cancelled }

public enum PlanStatus { Draft, Approved, Superseded, Rejected }

/// <summary>Status of a task row. Named so it never collides with System.Threading.Tasks.TaskStatus.</summary>
public enum TaskItemStatus { Pending, Blocked, Queued, Running, Completed, NeedsReview, Failed, Cancelled }

public enum ModelTier { Ollama, Haiku, Sonnet, Opus }

public enum PlanningRigor
{
    [JsonStringEnumMemberName("L1")] L1,
    [JsonStringEnumMemberName("L2")] L2,
    [JsonStringEnumMemberName("L3")] L3,
}

public enum UserRole { Admin, User }

public enum VerificationStatus { Passed, GapsFound, HumanNeeded, Skipped }

public enum KnowledgeCategory { Constraint, Decision, Discovery, Reference, Gotcha, Architecture }

/// <summary>Whether a finding is injected into later prompts: only accepted ones are; proposed ones wait for a person.</summary>
public enum KnowledgeStatus { Proposed, Accepted, Rejected }

/// <summary>Where a finding came from: extracted from a task's output, a gotcha given when a checkpoint was resolved, or
/// written by a person through the knowledge API.</summary>
public enum KnowledgeSource { Task, Checkpoint, Person }

/// <summary>execution.knowledge_policy: accept every new finding (auto), hold every one for a person (review), or hold
/// only those the screen flags (screen).</summary>
public enum KnowledgePolicy { Auto, Review, Screen }

public enum TaskComplexity { Simple, Medium, Complex }

/// <summary>Why a model call was made; recorded on every usage row.</summary>
public enum CallPurpose { Planning, Execution, Verification, Knowledge, Embedding }
