using System.Text.Json.Nodes;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Engine.Models;
using Orchestration.Engine.Planning;
using Orchestration.Storage.Plans;

namespace Orchestration.Engine.Tests.Planning;

public sealed class PlanServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(PlanningHarness H, string Owner, string ProjectId, PlanRecord Plan)> PlannedAsync(string answer = SamplePlans.Valid)
    {
        var h = await PlanningHarness.StartAsync(new FakeModelGateway { Answer = (_, _) => answer });
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements);
        var plan = (await h.Planner.PlanAsync(owner, project.Id, Ct))!;
        return (h, owner, project.Id, plan);
    }

    private static JsonNode Edited(PlanRecord plan, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(plan.PlanJson)!.AsObject();
        edit(node);
        return node;
    }

    [Fact]
    public async Task An_edit_is_validated_normalised_and_re_forecast()
    {
        var (h, owner, projectId, plan) = await PlannedAsync();
        await using var _ = h;
        var before = plan.ForecastJson;
        var edited = Edited(plan, p =>
        {
            var tasks = p["tasks"]!.AsArray();
            tasks[0]!["complexity"] = "Complex";
            tasks[0]!["model_tier"] = "opus";
            tasks.Add(JsonNode.Parse("""{"title": "Added", "description": "new", "task_type": "code", "complexity": "simple", "depends_on": [1, 1, 0]}"""));
        });

        var stored = (await h.Plans.EditAsync(owner, projectId, plan.Id, edited, Ct))!;

        var document = PlanValidator.Validate(PlanJson.TryParse(stored.PlanJson)).Plan!;
        Assert.Equal(3, document.Tasks!.Count);
        Assert.Equal([0, 1], document.Tasks[2].DependsOn);
        Assert.NotEqual(before, stored.ForecastJson);
        Assert.Contains("\"model_tier\":\"opus\"", stored.ForecastJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cyclic_edit_is_refused_naming_the_cycle_and_the_draft_is_unchanged()
    {
        var (h, owner, projectId, plan) = await PlannedAsync();
        await using var _ = h;
        var cyclic = Edited(plan, p => p["tasks"]![0]!["depends_on"] = new JsonArray(1));

        var ex = await Assert.ThrowsAsync<PlanValidationException>(() => h.Plans.EditAsync(owner, projectId, plan.Id, cyclic, Ct));

        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Write the script'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Write RUN.md'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(plan.PlanJson, (await h.PlanStore.GetAsync(owner, projectId, plan.Id, Ct))!.PlanJson);
    }

    [Fact]
    public async Task An_edit_citing_an_unknown_requirement_is_refused()
    {
        var (h, owner, projectId, plan) = await PlannedAsync();
        await using var _ = h;
        var edited = Edited(plan, p => p["tasks"]![0]!["requirement_ids"] = new JsonArray("R9"));
        var ex = await Assert.ThrowsAsync<PlanValidationException>(() => h.Plans.EditAsync(owner, projectId, plan.Id, edited, Ct));
        Assert.Contains("tasks[0].requirement_ids", ex.Result.Errors.Keys);
    }

    [Fact]
    public async Task Approval_creates_tasks_and_reports_waves_cost_and_summary()
    {
        var (h, owner, projectId, plan) = await PlannedAsync();
        await using var _ = h;

        var outcome = (await h.Plans.ApproveAsync(owner, projectId, plan.Id, false, Ct))!;

        Assert.Equal(2, outcome.Approval.TaskIds.Count);
        Assert.Equal(2, outcome.Approval.TotalWaves);
        Assert.Equal("A script and its docs.", outcome.Summary);
        Assert.True(outcome.Forecast.TotalUsdHigh >= outcome.Forecast.TotalUsdLow);
        Assert.Equal("ready", (await h.Projects.GetAsync(owner, projectId, Ct))!.Status);
        await Assert.ThrowsAsync<PlanConflictException>(() => h.Plans.ApproveAsync(owner, projectId, plan.Id, false, Ct));
        await Assert.ThrowsAsync<PlanConflictException>(() => h.Plans.EditAsync(owner, projectId, plan.Id, JsonNode.Parse(plan.PlanJson), Ct));
    }

    [Fact]
    public async Task A_plan_whose_high_forecast_does_not_fit_the_project_budget_is_approved_only_with_force()
    {
        var (h, owner, projectId, plan) = await PlannedAsync();
        await using var _ = h;
        h.Config.Budget.PerProjectLimitUsd = 0.000001m;

        var ex = await Assert.ThrowsAsync<ForecastOverBudgetException>(() => h.Plans.ApproveAsync(owner, projectId, plan.Id, false, Ct));
        Assert.Equal("project", ex.Shortfall.Cap.Scope);
        Assert.Equal(ex.Shortfall.ForecastHighNanos - ex.Shortfall.RoomNanos, ex.Shortfall.ShortfallNanos);
        Assert.Equal(0, await h.CountAsync("tasks"));
        Assert.Equal("draft", (await h.PlanStore.GetAsync(owner, projectId, plan.Id, Ct))!.Status);

        var forced = (await h.Plans.ApproveAsync(owner, projectId, plan.Id, true, Ct))!;
        Assert.True(forced.Forced);
        var stored = (await h.PlanStore.GetAsync(owner, projectId, plan.Id, Ct))!;
        Assert.True(stored.ApprovalForced);
        Assert.Equal(Money.ToNanos(forced.Forecast.TotalUsdHigh), stored.ForecastHighNanos);
    }

    [Fact]
    public async Task Coverage_follows_the_numbering_stored_with_the_plan_and_task_completion()
    {
        var (h, owner, projectId, plan) = await PlannedAsync();
        await using var _ = h;

        var draft = (await h.Plans.CoverageAsync(owner, projectId, Ct))!;
        Assert.Equal(("draft", 2, 0), (draft.PlanStatus, draft.CoveredCount, draft.UncoveredCount));
        Assert.Equal([1], draft.Requirements[1].TaskIndexes);

        var outcome = (await h.Plans.ApproveAsync(owner, projectId, plan.Id, false, Ct))!;
        // Requirements edited after planning do not shift the numbering of the approved plan.
        await h.Projects.UpdateAsync(owner, projectId, new("demo", "Brand new first paragraph.\n\nold one\n\nold two", null, null), 5, Ct);
        await h.ExecuteAsync("UPDATE tasks SET status = 'completed' WHERE id = @id", new { id = outcome.Approval.TaskIds[0] });

        var approved = (await h.Plans.CoverageAsync(owner, projectId, Ct))!;
        Assert.Equal("approved", approved.PlanStatus);
        Assert.Equal(["R1", "R2"], approved.Requirements.Select(r => r.Id));
        Assert.StartsWith("Write hello_world.py", approved.Requirements[0].Text, StringComparison.Ordinal);
        Assert.Equal([outcome.Approval.TaskIds[0]], approved.Requirements[0].TaskIds);
        Assert.True(approved.Requirements[0].Completed);
        Assert.False(approved.Requirements[1].Completed);
    }

    [Fact]
    public async Task Coverage_before_any_plan_lists_every_requirement_uncovered()
    {
        await using var h = await PlanningHarness.StartAsync(new FakeModelGateway());
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, "a\n\nb\n\nc");
        var report = (await h.Plans.CoverageAsync(owner, project.Id, Ct))!;
        Assert.Null(report.PlanId);
        Assert.Equal(3, report.UncoveredCount);
        Assert.Null(await h.Plans.CoverageAsync(await h.CreateUserAsync(), project.Id, Ct));
    }
}
