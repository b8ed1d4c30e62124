using Microsoft.Extensions.AI;
using Orchestration.Core.Events;

namespace Orchestration.Engine.Execution.Prompts;

/// <summary>The messages of one attempt, and what went into them (for the task_context event).</summary>
public sealed record TaskPrompt(
    IList<ChatMessage> Messages,
    IReadOnlyList<string> KnowledgeIds,
    int Dependencies,
    int SkippedDependencies,
    int FeedbackEntries)
{
    public WorkEvents.PromptFacts Facts => new(KnowledgeIds, Dependencies, SkippedDependencies, FeedbackEntries);
}
