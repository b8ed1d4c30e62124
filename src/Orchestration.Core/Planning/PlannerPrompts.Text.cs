namespace Orchestration.Core.Planning;

public static partial class PlannerPrompts
{
    private const string Role =
        """
        You are the planner of an AI task runner. You turn a project's requirements into an explicit plan: a set of
        discrete tasks, each small enough for one model call with tools, linked by dependencies into a DAG.
        Tasks run in parallel where the dependencies allow, each on the cheapest model that can do it, so keep
        tasks focused, independent where possible, and honest about their complexity.
        """;

    private const string L1Shape =
        """
        Return a flat task list, no phases:
        {"summary": "one paragraph: what will be built and how",
         "tasks": [TASK, ...]}
        Keep it short: usually 2 to 8 tasks.
        """;

    private const string L2Shape =
        """
        Group the tasks into phases, and list the questions you could not settle from the requirements:
        {"summary": "one paragraph: what will be built and how",
         "phases": [{"name": "...", "description": "...", "tasks": [TASK, ...]}, ...],
         "open_questions": [{"question": "...", "proposed_answer": "the assumption the plan makes", "impact": "what changes if the answer differs"}]}
        """;

    private const string L3Shape =
        """
        Group the tasks into phases, list open questions, assess the risks and say how the result will be tested:
        {"summary": "one paragraph: what will be built and how",
         "phases": [{"name": "...", "description": "...", "tasks": [TASK, ...]}, ...],
         "open_questions": [{"question": "...", "proposed_answer": "the assumption the plan makes", "impact": "what changes if the answer differs"}],
         "risk_assessment": [{"risk": "...", "likelihood": "low|medium|high", "impact": "low|medium|high", "mitigation": "..."}],
         "test_strategy": {"approach": "...", "test_tasks": ["titles of the tasks that test"], "coverage_notes": "..."}}
        Include tasks that test and verify the work, and cover every requirement.
        """;

    private const string TaskRules =
        """
        TASK is an object:
        {"title": "short imperative title, unique in the plan",
         "description": "what to do, precisely enough to do it without seeing the other tasks",
         "task_type": "code|research|analysis|asset|integration|documentation",
         "complexity": "simple|medium|complex",
         "depends_on": [0-based global indexes of the tasks that must finish first],
         "tools_needed": ["search_knowledge", "lookup_type", "local_llm", "generate_image", "read_file", "write_file"],
         "requirement_ids": ["R1", ...],
         "verification_criteria": "how to check the result is right",
         "affected_files": ["relative/paths/the/task/creates/or/changes"]}
        Rules:
        - depends_on indexes are global: they count every task of the plan from 0 in reading order, across phases
          (the first task of the second phase continues the count). No cycles: a task never depends, directly or
          through other tasks, on itself.
        - List in depends_on only what a task really needs; tasks without dependencies run at once, in parallel.
        - Every requirement id must appear in the requirement_ids of at least one task; cite only the given ids.
        - tools_needed lists only the tools the task uses ([] for none).
        - complexity: simple = mechanical or short; medium = ordinary work; complex = design, tricky logic or long output.
        """;

    private const string OutputRules =
        """
        Answer with the JSON object only: no prose before or after it, no comments, no trailing commas.
        """;
}
