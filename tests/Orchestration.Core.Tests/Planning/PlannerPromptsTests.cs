using Orchestration.Core.Domain;
using Orchestration.Core.Planning;

namespace Orchestration.Core.Tests.Planning;

public sealed class PlannerPromptsTests
{
    [Theory]
    [InlineData(PlanningRigor.L1, 4096)]
    [InlineData(PlanningRigor.L2, 6144)]
    [InlineData(PlanningRigor.L3, 8192)]
    public void Max_tokens_follow_the_rigor(PlanningRigor rigor, int expected) => Assert.Equal(expected, PlannerPrompts.MaxTokens(rigor));

    [Fact]
    public void Each_rigor_asks_for_its_own_shape()
    {
        var l1 = PlannerPrompts.SystemPrompt(PlanningRigor.L1);
        var l2 = PlannerPrompts.SystemPrompt(PlanningRigor.L2);
        var l3 = PlannerPrompts.SystemPrompt(PlanningRigor.L3);
        Assert.Contains("flat task list", l1, StringComparison.Ordinal);
        Assert.DoesNotContain("\"phases\"", l1, StringComparison.Ordinal);
        Assert.Contains("\"phases\"", l2, StringComparison.Ordinal);
        Assert.Contains("\"open_questions\"", l2, StringComparison.Ordinal);
        Assert.DoesNotContain("\"risk_assessment\"", l2, StringComparison.Ordinal);
        Assert.Contains("\"risk_assessment\"", l3, StringComparison.Ordinal);
        Assert.Contains("\"test_strategy\"", l3, StringComparison.Ordinal);
        Assert.All([l1, l2, l3], p => Assert.Contains("global", p, StringComparison.Ordinal));
    }

    [Fact]
    public void The_user_message_carries_numbered_requirements()
    {
        var message = PlannerPrompts.UserMessage("hello", RequirementSplitter.Split("one\n\ntwo"));
        Assert.Contains("Project: hello", message, StringComparison.Ordinal);
        Assert.Contains("[R1] one\n\n[R2] two", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repair_message_lists_every_problem()
    {
        var message = PlannerPrompts.RepairMessage(["tasks[0].title: is required.", "depends_on: cycle"]);
        Assert.Contains("- tasks[0].title: is required.\n- depends_on: cycle", message, StringComparison.Ordinal);
    }
}
