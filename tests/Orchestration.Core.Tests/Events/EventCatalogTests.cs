using System.Reflection;
using System.Text;
using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Core.Tests.Events;

public sealed class EventCatalogTests
{
    private const string WebFile = "web/src/api/eventTypes.ts";

    [Fact]
    public void Every_event_type_is_in_the_catalogue_once()
    {
        var constants = typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        Assert.Equal(constants.Order(), EventCatalog.All.Select(s => s.Type).Order());
        Assert.Equal(constants.Count, constants.Distinct().Count());
        Assert.Equal([EventTypes.ProjectCancelled, EventTypes.ProjectComplete, EventTypes.ProjectFailed], EventCatalog.RunEnding.Order());
        Assert.All(EventCatalog.All, s => Assert.Equal(s.Fields.Count, s.Fields.Distinct().Count()));
    }

    [Fact]
    public void Every_factory_writes_only_the_fields_its_type_declares()
    {
        NewEvent[] samples =
        [
            RunEvents.Started("p", 1, 2, 3), RunEvents.Paused("p"), RunEvents.Cancelled("p", 2), RunEvents.Finished("p", false, 1, 1, 1, 1, 0), RunEvents.Finished("p", true, 1, 0, 0, 0, 0),
            RunEvents.WaveCheckpoint("p", 1), RunEvents.BudgetExhausted("p", "t", "daily", 1m, "x"), RunEvents.BudgetWarning("p", "m", "warn", "daily", 1, 2, 3, 4),
            RunEvents.WaitingForPeople("p", [("t", "T", "k")]), RunEvents.WaitingForWorkers("p", [("t", "T")], 1),
            AttemptEvents.Started("p", "t", "T", "haiku", 1, "node-1"),
            AttemptEvents.Completed("p", "t", "T", new AttemptEvents.Completion("m", 1, 2, 3, null, null, false, [])),
            AttemptEvents.RetryScheduled("p", "t", "T", 1, 1, 5, 1), AttemptEvents.VerificationRetry("p", "t", "T", 1, 1, "n", "sonnet", "haiku", 1),
            AttemptEvents.Failed("p", "t", "T", 2, ["u"]), AttemptEvents.Interrupted("p", "t", "T", "restart", "server restart"),
            AttemptEvents.WaitingForBudget("p", "t", "T", "daily", 1m), AttemptEvents.WaitingForProvider("p", "t", "T", "ollama", true, 30, 31),
            AttemptEvents.Fallback("p", "t", "T", "ollama", "haiku", "ollama"),
            PeopleEvents.NeedsReview("p", "t", "m", "human_needed", "passed", "n", [], 1), PeopleEvents.CheckpointOpened("p", "t", "T", "retry_exhausted", "k", "x", "q?", []),
            PeopleEvents.CheckpointResolved("p", "t", "T", "k", "skip", null), PeopleEvents.Approved("p", "t", "T"),
            PeopleEvents.RetryRequested("p", "t", "T", "review", 1, "f"), PeopleEvents.Cancelled("p", "t", "T", [], true),
            PeopleEvents.FailedAtCheckpoint("p", "t", "T", []), PeopleEvents.WaitExpired("p", "t", "T", "skip", 2.5, "k"),
            PeopleEvents.FailedByExpiry("p", "t", "T", ["u"]),
            WorkEvents.PromptDescribed("p", "t", "T", new WorkEvents.PromptFacts([], 0, 0, 0), [], []),
            WorkEvents.ExternalPromptDescribed("p", "t", "T", new WorkEvents.PromptFacts([], 0, 0, 0)),
            WorkEvents.ToolCalled("p", "t", "T", "write_file", "a", 1, true, null), WorkEvents.KnowledgeExtracted("p", "t", "T", [("k", "gotcha")]),
            WorkEvents.KnowledgeProposed("p", "t", "T", "task", [("k", "gotcha", "url: x")]),
            PeopleEvents.KnowledgeReviewed("p", "k", "task", true, "u", "c"), PeopleEvents.KnowledgeReviewed("p", "k", "task", false, "u", "c"),
            WorkEvents.GitCommitted("p", "t", "s", "abcdef123", "b", ["f"], 10), WorkEvents.GitPushed("p", "b", "origin", "abc"),
            WorkEvents.GitFailed("p", null, "push", "m"),
            PlanEvents.ReplanStarted("p", "a"), PlanEvents.PlanReady("p", "b", 2, "a"), PlanEvents.ReplanFailed("p", "a", "e"),
            PlanEvents.PlanSwapped("p", "b", "a", 1, 2, 3), PlanEvents.ReplanRejected("p", "b"),
        ];

        foreach (var e in samples)
        {
            var spec = EventCatalog.Find(e.Type);
            Assert.NotNull(spec);
            Assert.True(spec.Stored);
            Assert.All(e.Data?.Keys ?? [], key => Assert.Contains(key, spec.Fields));
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
        // Every stored type has a factory above.
        Assert.Equal(EventCatalog.All.Where(s => s.Stored).Select(s => s.Type).Order(), samples.Select(e => e.Type).Distinct().Order());
    }

    [Fact]
    public void Status_name_constants_are_the_wire_names()
    {
        Assert.Equal(Enum.GetValues<TaskItemStatus>().Select(s => s.ToWire()), Names(typeof(TaskStatusNames)));
        Assert.Equal(Enum.GetValues<ProjectStatus>().Select(s => s.ToWire()), Names(typeof(ProjectStatusNames)));
        Assert.Equal(Enum.GetValues<PlanStatus>().Select(s => s.ToWire()), Names(typeof(PlanStatusNames)));
    }

    [Fact]
    public void The_web_uis_event_list_is_generated_from_the_catalogue()
    {
        // To update the file after a change to the catalogue: ORCH_REGENERATE=1 dotnet test --project tests/Orchestration.Core.Tests
        var path = Path.Combine(SourceTree.Root, WebFile);
        var expected = TypeScript();
        if (Environment.GetEnvironmentVariable("ORCH_REGENERATE") == "1")
        {
            File.WriteAllText(path, expected);
        }
        Assert.True(File.Exists(path), $"{WebFile} is missing; run with ORCH_REGENERATE=1 to write it.");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void The_event_reference_in_docs_is_generated_from_the_catalogue()
    {
        // To update: ORCH_REGENERATE=1 dotnet test --project tests/Orchestration.Core.Tests
        var path = Path.Combine(SourceTree.Root, "docs/events.md");
        var expected = Markdown();
        if (Environment.GetEnvironmentVariable("ORCH_REGENERATE") == "1")
        {
            File.WriteAllText(path, expected);
        }
        Assert.True(File.Exists(path), "docs/events.md is missing; run with ORCH_REGENERATE=1 to write it.");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    private static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("# Events\n\n");
        text.Append("<!-- Generated from src/Orchestration.Core/Events/EventCatalog.cs by tests/Orchestration.Core.Tests/Events/EventCatalogTests.cs;\n");
        text.Append("     after a change to the catalogue: ORCH_REGENERATE=1 dotnet test --project tests/Orchestration.Core.Tests -->\n\n");
        text.Append("Every event has `type`, `message`, `timestamp` (epoch seconds), `project_id` and, when it concerns one task, `task_id`;\n");
        text.Append("the fields below sit beside them in the same JSON object (a field that is not set may be absent or null). Events are\n");
        text.Append("stored before they are sent: the SSE `id:` is the per-project sequence number, `event:` the type. The wording of\n");
        text.Append("messages may change; types and fields are the contract.\n\n");
        text.Append("| type | what it reports | data fields |\n| --- | --- | --- |\n");
        foreach (var spec in EventCatalog.All)
        {
            var notes = (spec.EndsRun ? " Ends the run." : "") + (spec.Stored ? "" : " Sent on the stream only, never stored.");
            text.Append($"| `{spec.Type}` | {spec.Description}.{notes} | {string.Join(", ", spec.Fields.Select(f => $"`{f}`"))} |\n");
        }
        return text.ToString();
    }

    private static IEnumerable<string> Names(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

    private static string TypeScript()
    {
        var text = new StringBuilder();
        text.Append("// Generated from src/Orchestration.Core/Events/EventCatalog.cs by tests/Orchestration.Core.Tests/Events/EventCatalogTests.cs;\n");
        text.Append("// do not edit. After a change to the catalogue: ORCH_REGENERATE=1 dotnet test --project tests/Orchestration.Core.Tests\n\n");
        text.Append("/** Every event type the server sends, by name. */\nexport const EventTypes = {\n");
        foreach (var field in typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var spec = EventCatalog.Find((string)field.GetValue(null)!)!;
            text.Append($"  /** {spec.Description}{(spec.Fields.Count > 0 ? $" (data: {string.Join(", ", spec.Fields)})" : "")} */\n");
            text.Append($"  {field.Name}: \"{spec.Type}\",\n");
        }
        text.Append("} as const;\n\nexport type EventType = (typeof EventTypes)[keyof typeof EventTypes];\n\n");
        text.Append("/** The names an EventSource listens for: every type the server sends. */\n");
        text.Append("export const EVENT_TYPES: readonly EventType[] = Object.values(EventTypes);\n\n");
        text.Append("/** After these the run is over. */\nexport const RUN_ENDING_TYPES: ReadonlySet<string> = new Set<EventType>([");
        text.Append(string.Join(", ", EventCatalog.RunEnding.Select(t => $"EventTypes.{FieldOf(t)}")));
        text.Append("]);\n");
        return text.ToString();
    }

    private static string FieldOf(string type) =>
        typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Single(f => (string)f.GetValue(null)! == type).Name;
}
