using Microsoft.Extensions.AI;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Planning;
using Orchestration.Engine.Models;
using Orchestration.Engine.Planning;

namespace Orchestration.Engine.Tests.Planning;

public sealed class PlannerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_valid_answer_is_stored_as_draft_version_one_with_its_forecast_and_cost()
    {
        var gateway = new FakeModelGateway { Answer = (_, _) => SamplePlans.Valid };
        await using var h = await PlanningHarness.StartAsync(gateway);
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements, PlanningRigor.L1);

        var stored = (await h.Planner.PlanAsync(owner, project.Id, Ct))!;

        Assert.Equal(1, stored.Version);
        Assert.Equal("draft", stored.Status);
        Assert.Equal("claude-sonnet-4-6", stored.ModelUsed);
        Assert.Equal((1_000L, 500L, 10_500_000L), (stored.PromptTokens, stored.CompletionTokens, stored.CostNanos));
        Assert.Equal(["R1", "R2"], RequirementSplitter.FromJson(stored.RequirementsJson).Select(r => r.Id));
        Assert.Contains("\"total_usd_high\":", stored.ForecastJson, StringComparison.Ordinal);
        Assert.Equal("A script and its docs.", PlanValidator.Validate(PlanJson.TryParse(stored.PlanJson)).Plan!.Summary);
        var after = await h.ProjectAsync(project);
        Assert.Equal(("draft", null), (after.Status, after.StatusReason));
    }

    [Theory]
    [InlineData(PlanningRigor.L1, 4096)]
    [InlineData(PlanningRigor.L2, 6144)]
    [InlineData(PlanningRigor.L3, 8192)]
    public async Task The_request_carries_the_planning_model_rigor_max_tokens_and_numbered_requirements(PlanningRigor rigor, int maxTokens)
    {
        var gateway = new FakeModelGateway { Answer = (_, _) => SamplePlans.Valid };
        await using var h = await PlanningHarness.StartAsync(gateway);
        h.Config.Anthropic.PlanningModel = "claude-planner-x";
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements, rigor);

        await h.Planner.PlanAsync(owner, project.Id, Ct);

        var request = Assert.Single(gateway.Requests);
        Assert.Equal("claude-planner-x", request.Model);
        Assert.Null(request.Tier);
        Assert.Equal(new ModelCallContext(owner, project.Id, null, CallPurpose.Planning), request.Context);
        Assert.Equal(maxTokens, request.Options.MaxOutputTokens);
        Assert.Equal(rigor.ToWire(), request.Options.AdditionalProperties![ModelOptionKeys.Rigor]);
        Assert.Equal(PlannerPrompts.SystemPrompt(rigor), request.Messages[0].Text);
        Assert.Equal(ChatRole.System, request.Messages[0].Role);
        Assert.Contains("[R1] Write hello_world.py that prints a greeting.\n\n[R2] Write RUN.md", request.Messages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_answer_is_re_asked_once_with_its_problems_and_the_costs_add_up()
    {
        var gateway = new FakeModelGateway { Answer = (call, _) => call == 1 ? SamplePlans.Cyclic : SamplePlans.Valid };
        await using var h = await PlanningHarness.StartAsync(gateway);
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements);

        var stored = (await h.Planner.PlanAsync(owner, project.Id, Ct))!;

        Assert.Equal(2, gateway.Requests.Count);
        var second = gateway.Requests.Last();
        Assert.Equal(4, second.Messages.Count);
        Assert.Equal(ChatRole.Assistant, second.Messages[2].Role);
        Assert.Equal(SamplePlans.Cyclic, second.Messages[2].Text);
        var repair = second.Messages[3].Text;
        Assert.Contains("- depends_on: the dependencies form a cycle", repair, StringComparison.Ordinal);
        Assert.Contains("[R2] Write RUN.md", repair, StringComparison.Ordinal);
        Assert.Equal(21_000_000, stored.CostNanos);
        Assert.Equal(2_000, stored.PromptTokens);
    }

    [Fact]
    public async Task A_cut_off_answer_is_re_asked_for_a_shorter_plan()
    {
        var gateway = new FakeModelGateway { Answer = (call, _) => call == 1 ? SamplePlans.Valid[..120] : SamplePlans.Valid, FinishReason = ChatFinishReason.Length };
        await using var h = await PlanningHarness.StartAsync(gateway);
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements);

        await h.Planner.PlanAsync(owner, project.Id, Ct);

        var repair = gateway.Requests.Last().Messages[^1].Text;
        Assert.Contains("cut off at the token limit", repair, StringComparison.Ordinal);
        Assert.Contains("truncated", repair, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_invalid_answers_store_nothing_and_leave_the_reason_on_the_project()
    {
        var gateway = new FakeModelGateway { Answer = (_, _) => SamplePlans.Prose };
        await using var h = await PlanningHarness.StartAsync(gateway);
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements);

        var ex = await Assert.ThrowsAsync<PlanningFailedException>(() => h.Planner.PlanAsync(owner, project.Id, Ct));

        Assert.Equal(PlanningFailureKind.InvalidPlan, ex.Kind);
        Assert.Contains("no JSON object", ex.Errors["plan"][0], StringComparison.Ordinal);
        Assert.Equal(2, gateway.Requests.Count);
        Assert.Equal(0, await h.CountAsync("plans"));
        var after = await h.ProjectAsync(project);
        Assert.Equal("draft", after.Status);
        Assert.Contains("did not return a valid plan", after.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_refusal_propagates_and_returns_the_project_to_draft()
    {
        var gateway = new FakeModelGateway { Answer = (_, _) => throw new BudgetExceededException("daily", 5m, "Daily budget of $5 is exhausted.") };
        await using var h = await PlanningHarness.StartAsync(gateway);
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements);

        await Assert.ThrowsAsync<BudgetExceededException>(() => h.Planner.PlanAsync(owner, project.Id, Ct));

        var after = await h.ProjectAsync(project);
        Assert.Equal("draft", after.Status);
        Assert.Contains("budget", after.StatusReason, StringComparison.Ordinal);
        Assert.Equal(0, await h.CountAsync("plans"));
    }

    [Fact]
    public async Task A_provider_failure_is_a_planning_failure_saying_the_model_is_unavailable()
    {
        var gateway = new FakeModelGateway { Answer = (_, _) => throw new ModelProviderException("anthropic", "Overloaded (529).", isTransient: true, statusCode: 529) };
        await using var h = await PlanningHarness.StartAsync(gateway);
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements);

        var ex = await Assert.ThrowsAsync<PlanningFailedException>(() => h.Planner.PlanAsync(owner, project.Id, Ct));
        Assert.Equal(PlanningFailureKind.ModelUnavailable, ex.Kind);
        Assert.Contains("Overloaded", ex.Message, StringComparison.Ordinal);
        Assert.Equal("draft", (await h.ProjectAsync(project)).Status);
    }

    [Fact]
    public async Task A_project_already_planning_is_refused_without_calling_the_model()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = new FakeModelGateway
        {
            Answer = (_, _) => SamplePlans.Valid,
            BeforeAnswer = async (_, _, ct) => { entered.TrySetResult(); await release.Task.WaitAsync(ct); },
        };
        await using var h = await PlanningHarness.StartAsync(gateway);
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements);

        var first = h.Planner.PlanAsync(owner, project.Id, Ct);
        await entered.Task.WaitAsync(Ct);
        Assert.Equal("planning", (await h.ProjectAsync(project)).Status);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => h.Planner.PlanAsync(owner, project.Id, Ct));
        release.SetResult();
        await first;

        Assert.Single(gateway.Requests);
        Assert.Equal(1, await h.CountAsync("plans"));
    }

    [Fact]
    public async Task Cancelling_returns_the_project_to_draft_and_stores_nothing()
    {
        using var cts = new CancellationTokenSource();
        var gateway = new FakeModelGateway
        {
            Answer = (_, _) => SamplePlans.Valid,
            BeforeAnswer = (_, _, ct) => { cts.Cancel(); ct.ThrowIfCancellationRequested(); return Task.CompletedTask; },
        };
        await using var h = await PlanningHarness.StartAsync(gateway);
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Planner.PlanAsync(owner, project.Id, cts.Token));

        var after = await h.ProjectAsync(project);
        Assert.Equal("draft", after.Status);
        Assert.Contains("cancelled", after.StatusReason, StringComparison.Ordinal);
        Assert.Equal(0, await h.CountAsync("plans"));
    }

    [Fact]
    public async Task A_planning_attempt_abandoned_long_ago_does_not_block_a_new_one()
    {
        var gateway = new FakeModelGateway { Answer = (_, _) => SamplePlans.Valid };
        await using var h = await PlanningHarness.StartAsync(gateway);
        var owner = await h.CreateUserAsync();
        var stale = await h.CreateProjectAsync(owner, SamplePlans.Requirements, status: ProjectStatus.Planning, updatedAt: 1_000);
        var fresh = await h.CreateProjectAsync(owner, SamplePlans.Requirements, status: ProjectStatus.Planning);

        Assert.Equal(1, (await h.Planner.PlanAsync(owner, stale.Id, Ct))!.Version);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => h.Planner.PlanAsync(owner, fresh.Id, Ct));
    }

    [Fact]
    public async Task Another_users_project_is_not_found_and_the_model_is_not_called()
    {
        var gateway = new FakeModelGateway { Answer = (_, _) => SamplePlans.Valid };
        await using var h = await PlanningHarness.StartAsync(gateway);
        var owner = await h.CreateUserAsync();
        var other = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements);

        Assert.Null(await h.Planner.PlanAsync(other, project.Id, Ct));
        Assert.Empty(gateway.Requests);
        Assert.Equal("draft", (await h.ProjectAsync(project)).Status);
    }

    [Fact]
    public async Task Each_plan_call_adds_a_version()
    {
        var gateway = new FakeModelGateway { Answer = (_, _) => SamplePlans.Valid };
        await using var h = await PlanningHarness.StartAsync(gateway);
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements);

        await h.Planner.PlanAsync(owner, project.Id, Ct);
        var second = (await h.Planner.PlanAsync(owner, project.Id, Ct))!;
        Assert.Equal(2, second.Version);
    }
}
