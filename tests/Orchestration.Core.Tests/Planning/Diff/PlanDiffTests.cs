using System.Text.Json.Nodes;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Core.Planning.Diff;

namespace Orchestration.Core.Tests.Planning.Diff;

public sealed class PlanDiffTests
{
    private const string Base =
        """
        {"summary": "Ship the CSV tool", "tasks": [
          {"title": "Read CSV", "description": "Parse the file", "task_type": "code", "complexity": "simple", "requirement_ids": ["R1"]},
          {"title": "Check header", "description": "Validate columns", "task_type": "code", "complexity": "medium",
           "depends_on": [0], "requirement_ids": ["R2"], "verification_criteria": "rejects a bad header"},
          {"title": "Write JSON", "description": "Emit JSON", "task_type": "code", "complexity": "simple", "depends_on": [1],
           "requirement_ids": ["R3"]}
        ]}
        """;

    private static readonly Requirement[] Requirements = [new("R1", "read"), new("R2", "check"), new("R3", "write")];

    [Fact]
    public void Identical_plans_give_an_empty_diff()
    {
        var diff = PlanDiff.Compute(Snapshot(Base), Snapshot(Base));
        Assert.True(diff.Identical);
        Assert.Null(diff.Summary);
        Assert.Empty(diff.Tasks.Added);
        Assert.Empty(diff.Tasks.Removed);
        Assert.Empty(diff.Tasks.Changed);
        Assert.Equal(3, diff.Tasks.UnchangedCount);
        Assert.Empty(diff.Coverage.NewlyCovered);
        Assert.Empty(diff.Coverage.NewlyUncovered);
        Assert.Equal(diff.Forecast.Before, diff.Forecast.After);
        Assert.Equal(0m, diff.Forecast.Delta.TotalUsdHigh);
    }

    [Fact]
    public void An_added_task_is_listed_with_its_dependencies_by_title_and_shifted_indexes_are_no_change()
    {
        // A new first task shifts every index by one; the others' dependencies still name the same tasks.
        var after = Edit(Base, tasks =>
        {
            tasks.Insert(0, Task("Plan layout", "Decide the shape"));
            tasks[2]!["depends_on"] = new JsonArray(1);
            tasks[3]!["depends_on"] = new JsonArray(0, 2);
        });
        var diff = PlanDiff.CompareTasks(Plan(Base), Plan(after));
        var added = Assert.Single(diff.Added);
        Assert.Equal(("Plan layout", 0), (added.Title, added.Index));
        Assert.Empty(diff.Removed);
        var changed = Assert.Single(diff.Changed);
        Assert.Equal(("Write JSON", 2, 3), (changed.Title, changed.BeforeIndex, changed.AfterIndex));
        Assert.Equal(["Plan layout"], changed.DependenciesAdded);
        Assert.Empty(changed.DependenciesRemoved);
        Assert.Empty(changed.Changes);
        Assert.Equal(2, diff.UnchangedCount);
    }

    [Fact]
    public void A_removed_task_is_listed_and_its_dependants_lose_the_dependency()
    {
        var after = Edit(Base, tasks =>
        {
            tasks.RemoveAt(1);
            tasks[1]!["depends_on"] = new JsonArray(0);
        });
        var diff = PlanDiff.Compute(Snapshot(Base), Snapshot(after));
        var removed = Assert.Single(diff.Tasks.Removed);
        Assert.Equal(("Check header", 1, "medium"), (removed.Title, removed.Index, removed.Complexity));
        Assert.Equal(["Read CSV"], removed.DependsOn);
        var changed = Assert.Single(diff.Tasks.Changed);
        Assert.Equal("Write JSON", changed.Title);
        Assert.Equal(["Read CSV"], changed.DependenciesAdded);
        Assert.Equal(["Check header"], changed.DependenciesRemoved);
        Assert.Equal(["R2"], diff.Coverage.NewlyUncovered);
        Assert.Equal((3, 2), (diff.Coverage.After.TotalRequirements, diff.Coverage.After.CoveredCount));
        Assert.Equal(["R2"], diff.Coverage.After.UncoveredIds);
        Assert.False(diff.Identical);
    }

    [Fact]
    public void Changed_fields_are_listed_old_and_new()
    {
        var after = Edit(Base, tasks =>
        {
            var t = tasks[1]!;
            t["description"] = "Validate columns and types";
            t["complexity"] = "complex";
            t["model_tier"] = "opus";
            t["tools_needed"] = new JsonArray("read_file");
            t["verification_criteria"] = "rejects a bad header and a bad type";
            t["priority"] = 5;
            t["requirement_ids"] = new JsonArray("R2", "R3");
            t["affected_files"] = new JsonArray("check.py");
        });
        var change = Assert.Single(PlanDiff.CompareTasks(Plan(Base), Plan(after)).Changed);
        Assert.Equal(TaskMatch.ByTitle, change.MatchedBy);
        var fields = change.Changes.ToDictionary(c => c.Field);
        Assert.Equal(
            ["description", "complexity", "model_tier", "priority", "tools", "requirement_ids", "verification_criteria", "affected_files"],
            change.Changes.Select(c => c.Field));
        Assert.Equal(("medium", "complex"), (fields["complexity"].Before, fields["complexity"].After));
        Assert.Equal((null, "opus"), (fields["model_tier"].Before, fields["model_tier"].After));
        Assert.Equal((null, (object?)5), (fields["priority"].Before, fields["priority"].After));
        Assert.Equal(DefaultTools.For("code"), (IReadOnlyList<string>)fields["tools"].Before!);
        Assert.Equal(["read_file"], (IReadOnlyList<string>)fields["tools"].After!);
        Assert.Equal("Validate columns", fields["description"].Before);
    }

    [Fact]
    public void Tools_written_out_as_the_type_defaults_are_no_change()
    {
        var after = Edit(Base, tasks => tasks[0]!["tools_needed"] = new JsonArray([.. DefaultTools.For("code").Select(t => (JsonNode)t)]));
        Assert.True(PlanDiff.CompareTasks(Plan(Base), Plan(after)).IsEmpty);
    }

    [Fact]
    public void A_renamed_task_pairs_by_its_description()
    {
        var after = Edit(Base, tasks => tasks[2]!["title"] = "Emit JSON output");
        var diff = PlanDiff.CompareTasks(Plan(Base), Plan(after));
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
        var change = Assert.Single(diff.Changed);
        Assert.Equal(TaskMatch.ByDescription, change.MatchedBy);
        var title = Assert.Single(change.Changes);
        Assert.Equal(("title", "Write JSON", "Emit JSON output"), (title.Field, title.Before, title.After));
    }

    [Fact]
    public void Regenerated_titles_with_case_and_space_differences_still_pair_by_title()
    {
        var after = Edit(Base, tasks => tasks[0]!["title"] = "  read csv ");
        var change = Assert.Single(PlanDiff.CompareTasks(Plan(Base), Plan(after)).Changed);
        Assert.Equal(TaskMatch.ByTitle, change.MatchedBy);
        Assert.Equal("title", Assert.Single(change.Changes).Field);
    }

    [Fact]
    public void A_task_renamed_and_redescribed_is_a_removal_and_an_addition()
    {
        var after = Edit(Base, tasks =>
        {
            tasks[2]!["title"] = "Export";
            tasks[2]!["description"] = "Export the rows";
        });
        var diff = PlanDiff.CompareTasks(Plan(Base), Plan(after));
        Assert.Equal("Export", Assert.Single(diff.Added).Title);
        Assert.Equal("Write JSON", Assert.Single(diff.Removed).Title);
        Assert.Empty(diff.Changed);
    }

    [Fact]
    public void A_description_shared_by_two_unpaired_tasks_pairs_neither()
    {
        var before = Edit(Base, tasks => tasks.Add(Task("Write YAML", "Emit JSON")));
        var after = Edit(before, tasks =>
        {
            tasks[2]!["title"] = "A";
            tasks[3]!["title"] = "B";
        });
        var diff = PlanDiff.CompareTasks(Plan(before), Plan(after));
        Assert.Equal(["A", "B"], diff.Added.Select(t => t.Title));
        Assert.Equal(["Write JSON", "Write YAML"], diff.Removed.Select(t => t.Title));
    }

    [Fact]
    public void Moving_a_task_to_another_phase_is_a_phase_change()
    {
        const string phased =
            """
            {"summary": "s", "phases": [
              {"name": "One", "description": "", "tasks": [{"title": "A", "description": "a", "task_type": "code", "complexity": "simple"}]},
              {"name": "Two", "description": "", "tasks": [{"title": "B", "description": "b", "task_type": "code", "complexity": "simple"}]}
            ]}
            """;
        var after = JsonNode.Parse(phased)!;
        var moved = after["phases"]![0]!["tasks"]!.AsArray()[0]!.DeepClone();
        after["phases"]![0]!["tasks"]!.AsArray().RemoveAt(0);
        after["phases"]![0]!["tasks"]!.AsArray().Add(Task("C", "c"));
        after["phases"]![1]!["tasks"]!.AsArray().Add(moved);
        var diff = PlanDiff.CompareTasks(Plan(phased), Plan(after.ToJsonString()));
        var change = Assert.Single(diff.Changed);
        Assert.Equal(("A", 0, 2), (change.Title, change.BeforeIndex, change.AfterIndex));
        Assert.Equal(("phase", "One", "Two"), (change.Changes[0].Field, change.Changes[0].Before, change.Changes[0].After));
        Assert.Equal("One", Assert.Single(diff.Added).Phase);
    }

    [Fact]
    public void Summary_coverage_and_forecast_are_compared()
    {
        var after = Edit(Base, tasks => tasks[0]!["requirement_ids"] = new JsonArray());
        var afterNode = JsonNode.Parse(after)!;
        afterNode["summary"] = "Ship it";
        var before = Snapshot(Base, new PlanForecast(1.0m, 3.0m, []));
        var diff = PlanDiff.Compute(before, Snapshot(afterNode.ToJsonString(), new PlanForecast(0.5m, 2.0m, [])));
        Assert.Equal(("Ship the CSV tool", "Ship it"), (diff.Summary!.Before, diff.Summary.After));
        Assert.Equal(["R1"], diff.Coverage.NewlyUncovered);
        Assert.Equal((3, 3), (diff.Coverage.Before.CoveredCount, diff.Coverage.Before.TotalRequirements));
        Assert.Equal((2.0m, 1.25m), (diff.Forecast.Before.TotalUsdExpected, diff.Forecast.After.TotalUsdExpected));
        Assert.Equal((-0.5m, -0.75m, -1.0m), (diff.Forecast.Delta.TotalUsdLow, diff.Forecast.Delta.TotalUsdExpected, diff.Forecast.Delta.TotalUsdHigh));
        var simple = PlanForecaster.EstimateFor(TaskComplexity.Simple);
        var medium = PlanForecaster.EstimateFor(TaskComplexity.Medium);
        Assert.Equal(2 * simple.PromptHigh + medium.PromptHigh, diff.Forecast.After.PromptTokensHigh);
        Assert.Equal(2 * simple.OutputLow + medium.OutputLow, diff.Forecast.After.CompletionTokensLow);
        Assert.Equal(0, diff.Forecast.Delta.PromptTokensHigh);
    }

    [Fact]
    public void A_requirement_covered_only_after_is_newly_covered()
    {
        var before = Edit(Base, tasks => tasks[2]!["requirement_ids"] = new JsonArray());
        var diff = PlanDiff.Compute(Snapshot(before), Snapshot(Base));
        Assert.Equal(["R3"], diff.Coverage.NewlyCovered);
        Assert.Equal(["R3"], diff.Coverage.Before.UncoveredIds);
        Assert.Empty(diff.Coverage.After.UncoveredIds);
    }

    [Fact]
    public void Diffing_back_swaps_added_and_removed()
    {
        var after = Edit(Base, tasks => tasks.Add(Task("Document", "Write the README")));
        var forward = PlanDiff.CompareTasks(Plan(Base), Plan(after));
        var back = PlanDiff.CompareTasks(Plan(after), Plan(Base));
        Assert.Equal(forward.Added.Select(t => t.Title), back.Removed.Select(t => t.Title));
        Assert.Empty(back.Added);
    }

    private static JsonObject Task(string title, string description) =>
        new() { ["title"] = title, ["description"] = description, ["task_type"] = "code", ["complexity"] = "simple" };

    private static string Edit(string json, Action<JsonArray> edit)
    {
        var node = JsonNode.Parse(json)!;
        edit(node["tasks"]!.AsArray());
        return node.ToJsonString();
    }

    private static PlanDocument Plan(string json)
    {
        var result = PlanValidator.Validate(JsonNode.Parse(json), ["R1", "R2", "R3"]);
        Assert.True(result.IsValid, result.Summary);
        return result.Plan!;
    }

    private static PlanVersionSnapshot Snapshot(string json, PlanForecast? forecast = null) =>
        new(Plan(json), Requirements, forecast ?? PlanForecast.Empty);
}
