using Orchestration.Core.Domain;

namespace Orchestration.Core.Planning;

/// <summary>
/// What the planning model is told, per rigor (seed.md): L1 a flat task list (4K tokens), L2 phases and open
/// questions (6K), L3 also a risk assessment and a test strategy (8K). The schema text matches <see cref="PlanValidator"/>.
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

    /// <summary>The follow-up after an invalid answer: every problem, and the instruction to answer again in full.</summary>
    public static string RepairMessage(IEnumerable<string> problems) =>
        $"""
        Your answer was not a valid plan. Problems found:
        {string.Join("\n", problems.Select(p => "- " + p))}

        Answer again with the complete corrected plan: one JSON object following the schema, and nothing else.
        """;
}
