namespace Orchestration.Engine.Tests.Planning;

/// <summary>Planner answers used by the planning tests.</summary>
internal static class SamplePlans
{
    public const string Requirements = "Write hello_world.py that prints a greeting.\n\nWrite RUN.md with the steps to run it.";

    public const string Valid = """
        Here is the plan.
        ```json
        {"summary": "A script and its docs.", "tasks": [
          {"title": "Write the script", "description": "hello_world.py", "task_type": "code", "complexity": "simple", "depends_on": [], "requirement_ids": ["R1"]},
          {"title": "Write RUN.md", "description": "steps", "task_type": "documentation", "complexity": "simple", "depends_on": [0], "requirement_ids": ["R2"]}
        ]}
        ```
        """;

    public const string Cyclic = """
        {"summary": "cyclic", "tasks": [
          {"title": "A", "description": "", "task_type": "code", "complexity": "simple", "depends_on": [1], "requirement_ids": ["R1"]},
          {"title": "B", "description": "", "task_type": "code", "complexity": "simple", "depends_on": [0], "requirement_ids": ["R2"]}
        ]}
        """;

    public const string Prose = "I would write the script first and then the documentation.";
}
