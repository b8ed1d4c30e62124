using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestration.Core.Planning;

namespace Orchestration.Core.Tests.Planning;

/// <summary>
/// What must hold of every validation answer, checked without the product's own graph code: an accepted plan is
/// within <see cref="PlanLimits"/> with no NUL in its texts (PostgreSQL cannot store one), its dependencies are in range
/// and acyclic (by a depth-first search of our own), and its stored form reads back as itself; a refusal lists between
/// 1 and <see cref="PlanLimits.MaxErrors"/> problems.
/// </summary>
internal static partial class PlanInvariants
{
    public static void AssertAnswer(PlanValidationResult result)
    {
        if (result.IsValid)
        {
            AssertWithinLimits(result.Plan!);
            AssertStoredFormReadsBack(result.Plan!);
            return;
        }
        Assert.NotEmpty(result.Errors);
        Assert.InRange(result.Errors.Values.Sum(v => v.Length), 1, PlanLimits.MaxErrors);
        Assert.All(result.Errors, e => Assert.All(e.Value, m => Assert.False(string.IsNullOrWhiteSpace(m), $"an empty message at {e.Key}")));
        Assert.False(string.IsNullOrWhiteSpace(result.Summary));
    }

    public static void AssertWithinLimits(PlanDocument plan)
    {
        Assert.True(plan.Tasks is null != plan.Phases is null, "a plan has either tasks or phases");
        AssertText(plan.Summary, PlanLimits.MaxSummaryLength, "summary", required: true);
        if (plan.Phases is { } phases)
        {
            Assert.InRange(phases.Count, 1, PlanLimits.MaxPhases);
            foreach (var phase in phases)
            {
                AssertText(phase.Name, PlanLimits.MaxTitleLength, "phase name", required: true);
                AssertText(phase.Description, PlanLimits.MaxTextLength, "phase description");
            }
        }
        var all = plan.AllTasks();
        var n = all.Count;
        Assert.InRange(n, 1, PlanLimits.MaxTasks);
        var titles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (index, _, task) in all)
        {
            AssertText(task.Title, PlanLimits.MaxTitleLength, $"task {index} title", required: true);
            Assert.True(titles.Add(task.Title), $"task {index}: the title '{task.Title}' is not unique");
            AssertText(task.Description, PlanLimits.MaxDescriptionLength, $"task {index} description");
            AssertText(task.TaskType, PlanLimits.MaxTaskTypeLength, $"task {index} task_type", required: true);
            AssertList(task.ToolsNeeded, PlanLimits.MaxTools, PlanLimits.MaxToolNameLength, $"task {index} tools_needed");
            AssertList(task.AffectedFiles, PlanLimits.MaxListItems, PlanLimits.MaxPathLength, $"task {index} affected_files");
            Assert.True(task.RequirementIds.Count <= PlanLimits.MaxListItems, $"task {index}: too many requirement ids");
            Assert.All(task.RequirementIds, id => Assert.Matches(RequirementId(), id));
            if (task.Priority is { } priority)
            {
                Assert.InRange(priority, PlanLimits.MinPriority, PlanLimits.MaxPriority);
            }
            if (task.VerificationCriteria is { } criteria)
            {
                AssertText(criteria, PlanLimits.MaxDescriptionLength, $"task {index} verification_criteria", required: true);
            }
            for (var k = 0; k < task.DependsOn.Count; k++)
            {
                var d = task.DependsOn[k];
                Assert.True(d >= 0 && d < n, $"task {index} depends on {d}, outside 0..{n - 1}");
                Assert.True(d != index, $"task {index} depends on itself");
                Assert.True(k == 0 || task.DependsOn[k - 1] < d, $"task {index}: dependencies not ascending without duplicates");
            }
        }
        var cycle = FindCycle(all.Select(t => t.Task.DependsOn).ToList());
        Assert.True(cycle is null, $"an accepted plan has the cycle {string.Join(" → ", cycle ?? [])}");

        Assert.True((plan.OpenQuestions?.Count ?? 0) <= PlanLimits.MaxSectionItems, "too many open questions");
        foreach (var question in plan.OpenQuestions ?? [])
        {
            AssertText(question.Question, PlanLimits.MaxTextLength, "open question", required: true);
            AssertText(question.ProposedAnswer ?? "", PlanLimits.MaxTextLength, "proposed answer");
            AssertText(question.Impact ?? "", PlanLimits.MaxTextLength, "question impact");
        }
        Assert.True((plan.RiskAssessment?.Count ?? 0) <= PlanLimits.MaxSectionItems, "too many risks");
        foreach (var risk in plan.RiskAssessment ?? [])
        {
            AssertText(risk.Risk, PlanLimits.MaxTextLength, "risk", required: true);
            AssertText(risk.Likelihood ?? "", PlanLimits.MaxTextLength, "risk likelihood");
            AssertText(risk.Impact ?? "", PlanLimits.MaxTextLength, "risk impact");
            AssertText(risk.Mitigation ?? "", PlanLimits.MaxTextLength, "risk mitigation");
        }
        if (plan.TestStrategy is { } strategy)
        {
            AssertText(strategy.Approach ?? "", PlanLimits.MaxTextLength, "test strategy approach");
            AssertText(strategy.CoverageNotes ?? "", PlanLimits.MaxTextLength, "test strategy coverage notes");
            AssertList(strategy.TestTasks, PlanLimits.MaxListItems, PlanLimits.MaxTextLength, "test strategy test_tasks");
        }
    }

    /// <summary>What an edit stores (the normalised plan as JSON) is what approval validates again: it must be
    /// accepted, and read back as the very same plan.</summary>
    public static void AssertStoredFormReadsBack(PlanDocument plan)
    {
        var stored = PlanJson.Serialize(plan);
        var again = PlanValidator.Validate(PlanJson.TryParse(stored));
        Assert.True(again.IsValid, $"the stored form of an accepted plan is refused: {again.Summary}");
        Assert.Equal(stored, PlanJson.Serialize(again.Plan!));
    }

    /// <summary>A cycle of "i depends on dependsOn[i]" as the nodes along it, or null; an iterative three-colour DFS.</summary>
    public static int[]? FindCycle(IReadOnlyList<IReadOnlyList<int>> dependsOn)
    {
        var n = dependsOn.Count;
        var colour = new byte[n]; // 0 unvisited, 1 on the stack, 2 done
        var parent = new int[n];
        for (var root = 0; root < n; root++)
        {
            if (colour[root] != 0)
            {
                continue;
            }
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            colour[root] = 1;
            parent[root] = -1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next >= dependsOn[node].Count)
                {
                    colour[node] = 2;
                    continue;
                }
                stack.Push((node, next + 1));
                var d = dependsOn[node][next];
                if (d < 0 || d >= n)
                {
                    continue;
                }
                if (colour[d] == 1)
                {
                    var cycle = new List<int> { d };
                    for (var at = node; at != d; at = parent[at])
                    {
                        cycle.Add(at);
                    }
                    return [.. cycle];
                }
                if (colour[d] == 0)
                {
                    colour[d] = 1;
                    parent[d] = node;
                    stack.Push((d, 0));
                }
            }
        }
        return null;
    }

    /// <summary>The dependency graph of plan JSON whose depends_on entries are all whole numbers (global indexes;
    /// out-of-range and self entries left out), or null when some entry needs the validator's own resolution.</summary>
    public static List<IReadOnlyList<int>>? IntegerGraph(JsonObject root)
    {
        var entries = PlanGen.Entries(root);
        var graph = new List<IReadOnlyList<int>>();
        for (var i = 0; i < entries.Count; i++)
        {
            var deps = new List<int>();
            switch (entries[i] is JsonObject task ? task["depends_on"] : null)
            {
                case null:
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        if (item is not JsonValue v || v.GetValueKind() != JsonValueKind.Number
                            || !double.TryParse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var d) || d != Math.Floor(d))
                        {
                            return null;
                        }
                        if (d >= 0 && d < entries.Count && (int)d != i)
                        {
                            deps.Add((int)d);
                        }
                    }
                    break;
                default:
                    return null;
            }
            graph.Add(deps);
        }
        return graph;
    }

    private static void AssertText(string text, int max, string what, bool required = false)
    {
        Assert.True(text.Length <= max, $"{what} is {text.Length} characters long; the limit is {max}");
        Assert.True(!required || text.Length > 0, $"{what} is empty");
        Assert.True(text == text.Trim(), $"{what} is not trimmed");
        Assert.False(text.Contains('\0', StringComparison.Ordinal), $"{what} holds a NUL character, which PostgreSQL cannot store");
    }

    private static void AssertList(IReadOnlyList<string>? items, int maxItems, int maxLength, string what)
    {
        if (items is null)
        {
            return;
        }
        Assert.True(items.Count <= maxItems, $"{what} has {items.Count} items; the limit is {maxItems}");
        Assert.Equal(items.Count, items.Distinct(StringComparer.Ordinal).Count());
        foreach (var item in items)
        {
            AssertText(item, maxLength, what, required: true);
        }
    }

    [GeneratedRegex(@"^R[1-9][0-9]*$")]
    private static partial Regex RequirementId();
}
