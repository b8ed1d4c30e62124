using Microsoft.Extensions.AI;
using Orchestration.Engine.Execution;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Tests.Execution;

public sealed class TaskPromptBuilderTests
{
    private static AttemptContext Context(params DependencyOutput[] dependencies) => new(
        new AttemptKey("p", "t", "me", 1),
        new ExecutionTask { Id = "t", Title = "Write RUN.md", Description = "Exact steps to run it.", TaskType = "documentation", Complexity = "simple", VerificationCriteria = "Steps work." },
        "owner", "hello-world", "Write hello_world.py.\n\nWrite RUN.md.", "A greeting script and its docs", dependencies);

    [Fact]
    public void The_prompt_has_requirements_summary_task_criteria_and_each_dependency_output_trimmed()
    {
        var builder = new TaskPromptBuilder(contextForwardMaxChars: 10);

        var messages = builder.Build(Context(new DependencyOutput("d1", "Write hello_world.py", "print('hello') # and a long tail"), new DependencyOutput("d2", "Empty", null)));

        Assert.Equal([ChatRole.System, ChatRole.User], messages.Select(m => m.Role));
        var prompt = messages[1].Text;
        Assert.Contains("Write hello_world.py.\n\nWrite RUN.md.", prompt, StringComparison.Ordinal);
        Assert.Contains("## Plan summary\nA greeting script and its docs", prompt, StringComparison.Ordinal);
        Assert.Contains("## Your task: Write RUN.md\nType: documentation; complexity: simple", prompt, StringComparison.Ordinal);
        Assert.Contains("## Done when\nSteps work.", prompt, StringComparison.Ordinal);
        Assert.Contains("### Write hello_world.py\nprint('hel\n… [truncated]", prompt, StringComparison.Ordinal);
        Assert.Contains("### Empty\n(no output)", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_without_dependencies_gets_no_dependency_section()
    {
        var prompt = new TaskPromptBuilder(2000).Build(Context())[1].Text;

        Assert.DoesNotContain("builds on", prompt, StringComparison.Ordinal);
    }
}
