using Orchestration.Core.Planning;

namespace Orchestration.Core.Tests.Planning;

public sealed class ReplanMergeTests
{
    // The running plan: 0 review; 1 parser after 0; 2 exporter after 0; 3 summary after 1 and 2. Kept: 0, 1 and 2.
    private static readonly IReadOnlyList<IndexedPlanTask> Kept =
    [
        new(0, null, Task("Review requirements")),
        new(1, null, Task("Write parser.py", 0)),
        new(2, null, Task("Write exporter.py", 0)),
    ];

    [Fact]
    public void Kept_tasks_come_first_and_new_roots_start_after_the_kept_leaves()
    {
        var remaining = Flat(Task("Write README.md"), Task("Summarise", 0));

        var merged = ReplanMerge.Merge(Kept, remaining);

        var tasks = merged.Plan.AllTasks().Select(t => t.Task).ToList();
        Assert.Equal(["Review requirements", "Write parser.py", "Write exporter.py", "Write README.md", "Summarise"], tasks.Select(t => t.Title));
        Assert.Equal([[], [0], [0], [1, 2], [3]], tasks.Select(t => t.DependsOn.ToArray()));
        Assert.Equal((3, 2), (merged.Kept, merged.Added));
        Assert.Empty(merged.DroppedAsKept);
        Assert.True(PlanValidator.Validate(PlanJson.ToNode(merged.Plan)).IsValid);
    }

    [Fact]
    public void A_new_task_titled_like_a_kept_one_is_that_task_and_its_dependants_point_at_it()
    {
        // The planner planned the parser again (spacing and case aside) and made the summary depend on it.
        var remaining = Flat(Task("write  PARSER.py"), Task("Write README.md", 0), Task("Summarise", 0, 1));

        var merged = ReplanMerge.Merge(Kept, remaining);

        var tasks = merged.Plan.AllTasks().Select(t => t.Task).ToList();
        Assert.Equal(["Review requirements", "Write parser.py", "Write exporter.py", "Write README.md", "Summarise"], tasks.Select(t => t.Title));
        Assert.Equal([1], tasks[3].DependsOn);
        Assert.Equal([1, 3], tasks[4].DependsOn);
        Assert.Equal(["write  PARSER.py"], merged.DroppedAsKept);
        Assert.Equal(2, merged.Added);
    }

    [Fact]
    public void Phased_new_work_gets_a_first_phase_of_kept_tasks_and_empty_phases_are_dropped()
    {
        var remaining = new PlanDocument
        {
            Summary = "rest",
            Phases =
            [
                new PlanPhase { Name = "Build", Description = "b", Tasks = [Task("Write parser.py")] },
                new PlanPhase { Name = "Docs", Description = "d", Tasks = [Task("Write README.md", 0)] },
            ],
        };

        var merged = ReplanMerge.Merge(Kept, remaining);

        Assert.Equal([ReplanMerge.KeptPhaseName, "Docs"], merged.Plan.Phases!.Select(p => p.Name));
        Assert.Equal([1], merged.Plan.AllTasks()[3].Task.DependsOn);
        Assert.True(PlanValidator.Validate(PlanJson.ToNode(merged.Plan)).IsValid);
    }

    [Fact]
    public void Without_kept_is_the_new_work_with_its_own_dependencies_renumbered()
    {
        var merged = ReplanMerge.Merge(Kept, Flat(Task("Write README.md"), Task("Summarise", 0))).Plan;

        var rest = ReplanMerge.WithoutKept(merged, 3).AllTasks().Select(t => t.Task).ToList();

        Assert.Equal(["Write README.md", "Summarise"], rest.Select(t => t.Title));
        Assert.Equal([[], [0]], rest.Select(t => t.DependsOn.ToArray()));
        Assert.Same(merged, ReplanMerge.WithoutKept(merged, 0));
    }

    [Fact]
    public void With_nothing_kept_the_new_plan_is_the_plan()
    {
        var remaining = Flat(Task("A"), Task("B", 0));

        var merged = ReplanMerge.Merge([], remaining);

        Assert.Equal(["A", "B"], merged.Plan.AllTasks().Select(t => t.Task.Title));
        Assert.Equal([[], [0]], merged.Plan.AllTasks().Select(t => t.Task.DependsOn.ToArray()));
    }

    private static PlanDocument Flat(params PlanTask[] tasks) => new() { Summary = "rest", Tasks = tasks };

    private static PlanTask Task(string title, params int[] dependsOn) => new()
    {
        Title = title, Description = $"Do {title}.", TaskType = "code", DependsOn = dependsOn, RequirementIds = ["R1"],
    };
}
