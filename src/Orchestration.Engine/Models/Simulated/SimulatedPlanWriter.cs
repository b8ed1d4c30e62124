using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestration.Engine.Models.Simulated;

/// <summary>
/// Writes a valid Plan JSON (docs/api.md) for the requirements of a planning request: a review task, one task per
/// requirement (type and complexity from its wording), real dependency edges, a summary task, and for L3 a test
/// task. L1 is a flat task list; L2 adds phases and open questions; L3 adds risks and a test strategy.
/// Deterministic for the seed and the requirements.
/// </summary>
internal static partial class SimulatedPlanWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A sentence of prose, then the plan in a ```json fence, as real models answer.</summary>
    public static string Answer(IReadOnlyList<SimulatedRequirement> requirements, string rigor, int seed)
    {
        var plan = Build(requirements, rigor, seed);
        var tasks = plan["tasks"]?.AsArray().Count ?? plan["phases"]!.AsArray().Sum(p => p!["tasks"]!.AsArray().Count);
        return $"Here is a {rigor} plan covering {requirements.Count} requirement(s) in {tasks} tasks: it starts with a review, " +
               "builds each deliverable, and ends with a summary.\n\n```json\n" + plan.ToJsonString(Indented) + "\n```\n";
    }

    /// <summary>Prose that mentions a plan but contains no JSON (the [sim:bad-json] planning path).</summary>
    public static string ProseOnly(IReadOnlyList<SimulatedRequirement> requirements) =>
        $"I would approach these {requirements.Count} requirement(s) in three steps: review the constraints, build each " +
        "deliverable, then summarise the results. Let me know if you want me to write this up as a structured plan.";

    public static JsonObject Build(IReadOnlyList<SimulatedRequirement> requirements, string rigor, int seed)
    {
        if (requirements.Count == 0)
        {
            requirements = [new SimulatedRequirement("R1", "Deliver what the project describes", new HashSet<string>())];
        }
        var rng = StableRandom.For(seed, "plan", string.Join("\n", requirements.Select(r => r.Id + r.Text)));
        var ids = requirements.Select(r => r.Id).ToArray();
        var review = Task("Review requirements and constraints",
            "Read every requirement, list the constraints and open points, and record decisions later tasks rely on.",
            "analysis", "simple", [], ["search_knowledge"], ids,
            "Every requirement has its constraints and open points listed.", []);

        var build = new List<JsonObject>();
        for (var i = 0; i < requirements.Count; i++)
        {
            build.Add(TaskFor(requirements[i], i, rng));
        }

        var isL3 = rigor == "L3";
        var testIndex = 1 + build.Count;
        var test = isL3
            ? Task("Write tests for the deliverables", "Write automated checks that prove each requirement is met.",
                "code", "medium", [.. Enumerable.Range(1, build.Count)], ["read_file", "write_file"], ids,
                "Each requirement has at least one passing check.", ["tests/test_deliverables.py"])
            : null;
        var summaryDeps = Enumerable.Range(1, build.Count).Concat(isL3 ? [testIndex] : []).ToArray();
        var summary = Task("Summarise the deliverables",
            "Write a short summary of what was built, where it lives and how to use it.",
            "documentation", requirements.Count > 3 ? "medium" : "simple", summaryDeps, ["write_file"], ids,
            "SUMMARY.md names every deliverable and how to run or use it.", ["SUMMARY.md"]);

        var wrapUp = new List<JsonObject>();
        if (test is not null)
        {
            wrapUp.Add(test);
        }
        wrapUp.Add(summary);

        var total = 1 + build.Count + wrapUp.Count;
        var plan = new JsonObject { ["summary"] = $"{requirements.Count} requirement(s) in {total} tasks: a review, one task per requirement, " + (isL3 ? "tests and a summary." : "and a summary.") };
        if (rigor == "L1")
        {
            plan["tasks"] = new JsonArray([review, .. build, .. wrapUp]);
            return plan;
        }
        plan["phases"] = new JsonArray(
            Phase("Discovery", "Understand the requirements and constraints.", [review]),
            Phase("Build", "Produce one deliverable per requirement.", build),
            Phase("Wrap-up", isL3 ? "Test and summarise the deliverables." : "Summarise the deliverables.", wrapUp));
        plan["open_questions"] = OpenQuestions(requirements);
        if (isL3)
        {
            plan["risk_assessment"] = Risks(requirements);
            plan["test_strategy"] = new JsonObject
            {
                ["approach"] = "One automated check per requirement, run after every build task has finished.",
                ["test_tasks"] = new JsonArray(testIndex),
                ["coverage_notes"] = $"Checks cover {string.Join(", ", ids)}; the summary task verifies the documentation by reading it.",
            };
        }
        return plan;
    }

    private static JsonObject Phase(string name, string description, IEnumerable<JsonObject> tasks) => new()
    {
        ["name"] = name,
        ["description"] = description,
        ["tasks"] = new JsonArray([.. tasks]),
    };

    private static JsonObject Task(string title, string description, string type, string complexity, int[] dependsOn,
        string[] tools, string[] requirementIds, string criteria, string[] files) => new()
    {
        ["title"] = title,
        ["description"] = description,
        ["task_type"] = type,
        ["complexity"] = complexity,
        ["depends_on"] = new JsonArray([.. dependsOn.Select(d => (JsonNode)d)]),
        ["tools_needed"] = new JsonArray([.. tools.Select(t => (JsonNode)t)]),
        ["requirement_ids"] = new JsonArray([.. requirementIds.Select(r => (JsonNode)r)]),
        ["verification_criteria"] = criteria,
        ["affected_files"] = new JsonArray([.. files.Select(f => (JsonNode)f)]),
    };
}
