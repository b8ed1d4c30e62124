using Orchestration.Core.Domain;

namespace Orchestration.Core.Planning;

/// <summary>
/// What the planning model is told, per rigor (docs/planning.md, Flow): L1 a flat task list (4K tokens), L2 phases and
/// open questions (6K), L3 also a risk assessment and a test strategy (8K). The schema text matches
/// <see cref="PlanValidator"/>.
/// </summary>
public static partial class PlannerPrompts
{
    public static int MaxTokens(PlanningRigor rigor) => rigor switch
    {
        PlanningRigor.L1 => 4096,
        PlanningRigor.L2 => 6144,
        _ => 8192,
    };

    public static string SystemPrompt(PlanningRigor rigor) => rigor switch
    {
        PlanningRigor.L1 => $"{Role}\n\nPlanning depth: L1 (quick). {L1Shape}\n\n{TaskRules}\n\n{OutputRules}",
        PlanningRigor.L2 => $"{Role}\n\nPlanning depth: L2 (standard). {L2Shape}\n\n{TaskRules}\n\n{OutputRules}",
        _ => $"{Role}\n\nPlanning depth: L3 (thorough). {L3Shape}\n\n{TaskRules}\n\n{OutputRules}",
    };

    /// <summary>The user message: the project name and its numbered requirements.</summary>
    public static string UserMessage(string projectName, IReadOnlyList<Requirement> requirements) =>
        $"""
        Project: {projectName}

        Requirements ({requirements.Count}, numbered; cite these ids in requirement_ids):

        {RequirementSplitter.Render(requirements)}

        Write the plan for these requirements as one JSON object.
        """;

    /// <summary>
    /// A re-plan's user message: what is done or running (kept as it is, with a summary of each output), the requirements
    /// still to deliver (numbered; new ones after the existing), and the person's instructions. The plan asked for covers
    /// the remaining work only.
    /// </summary>
    public static string ReplanMessage(string projectName, IReadOnlyList<(string Title, string Status, string Summary)> kept,
        IReadOnlyList<Requirement> remaining, string? instructions)
    {
        var done = kept.Count == 0
            ? "(nothing yet)"
            : string.Join("\n", kept.Select(k => $"- {k.Title} ({k.Status}): {k.Summary}"));
        var guidance = string.IsNullOrWhiteSpace(instructions) ? "" : $"\n\nInstructions from the project's owner:\n{instructions.Trim()}";
        return $"""
            Project: {projectName}

            This project is already running. Its finished and running tasks are kept exactly as they are and must not be planned
            again:
            {done}

            Requirements still to deliver ({remaining.Count}, numbered; cite these ids in requirement_ids):

            {RequirementSplitter.Render(remaining)}{guidance}

            Write the plan of the remaining work only, as one JSON object. Its tasks may build on the kept tasks' outputs, which
            they receive; do not repeat a kept task.
            """;
    }

    /// <summary>The follow-up after an invalid answer: every problem, and the instruction to answer again in full.</summary>
    public static string RepairMessage(IEnumerable<string> problems) =>
        $"""
        Your answer was not a valid plan. Problems found:
        {string.Join("\n", problems.Select(p => "- " + p))}

        Answer again with the complete corrected plan: one JSON object following the schema, and nothing else.
        """;
}
