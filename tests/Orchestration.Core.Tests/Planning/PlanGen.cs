using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Orchestration.Core.Tests.Planning;

/// <summary>
/// Generators of plan JSON for the property tests. <see cref="Plan"/> makes plans that are valid by construction (flat
/// or in phases, with every optional field and the slips the validator promises to repair: duplicate dependencies,
/// numeric strings, titles as dependencies, enum case); <see cref="AnyMutation"/> breaks them the ways models and editors
/// do (missing and mistyped fields, bad indexes, self-dependencies, cycles, oversized and deeply nested values, odd
/// unicode, nulls); <see cref="AnyDamage"/> damages the text on top (truncation, prose, duplicate keys, invalid
/// escapes). Cases are plain values, built into JSON afresh on every use, so shrinking and printing see the same case.
/// Linked into the server tests, which send the same plans as edits over HTTP.
/// </summary>
internal static partial class PlanGen
{
    /// <summary>Serialises the deeply nested values some mutations make (the default writer stops at depth 64).</summary>
    public static readonly JsonSerializerOptions Wide = new() { MaxDepth = 4096 };

    // Pieces of text: plain, accented, non-Latin, emoji (as whole surrogate pairs), joiners, combining marks, controls
    // and JSON's own punctuation. Never '→', which the cycle message uses between tasks, nor NUL, which no text may
    // hold (a mutation adds it).
    private static readonly string[] Atoms =
    [
        "a", "b", "Z", "task", " ", "  ", "é", "ß", "ı", "Ω", "ж", "中", "日本", "ع", "ש", "🚀", "👩‍💻", "\u200B", "\u0301", "\u202E",
        "\t", "\n", "\u0001", "\"", "\\", "'", "{", "}", "[", "]", ",", ":", "<b>", "&amp;", "1", "42", "-", "/*", "//",
    ];

    private static readonly string[] TaskTypes = ["code", "Research", "ANALYSIS", "asset", "integration", "documentation", "design review", "🧪 lab"];
    private static readonly string[] Complexities = ["simple", "Medium", "COMPLEX", "medium"];
    private static readonly string[] Tiers = ["haiku", "Sonnet", "opus", "ollama"];
    private static readonly string[] Tools = ["write_file", "read_file", "run_command", "web_search", " write_file "];
    private static readonly string[] RequirementIds = ["R1", "r2", "[R3]"];
    private static readonly string[] Files = ["src/app.cs", "README.md", "docs/é.md"];

    public static Gen<string> Text(int maxAtoms) => Gen.OneOf(Atoms).Array[0, maxAtoms].Select(string.Concat);

    /// <summary>A dependency of task i on task <c>Raw % i</c>, written as a number (0), numeric string (1), the
    /// task's title (2), its title upper-cased (3) or an integral decimal (4).</summary>
    public readonly record struct DepSpec(int Raw, int Form);

    public sealed record TaskSpec(
        string Title, string Description, string TaskType, string Complexity, DepSpec[] DependsOn, int? Priority, string[]? Tools,
        string? ModelTier, string[]? RequirementIds, string? CriteriaText, string[]? Criteria, string[]? Files);

    /// <summary>Open questions (0 none, 1 bare strings, 2 objects), risks, and the test strategy (0 none, 1 text,
    /// 2 an object naming test tasks by index or title).</summary>
    public sealed record SectionSpec(int QuestionsKind, string[] Questions, int Risks, int StrategyKind, string Strategy, int[] TestTasks);

    /// <summary>A plan: flat when <see cref="PhaseCuts"/> is null, else phases split at those cuts (empty phases allowed).</summary>
    public sealed record PlanSpec(string Summary, TaskSpec[] Tasks, int[]? PhaseCuts, SectionSpec Sections)
    {
        public int Count => Tasks.Length;

        /// <summary>Task i's title as the JSON carries it (the index keeps titles unique whatever the text).</summary>
        public string TitleOf(int i) => $"{i}. {Tasks[i].Title}";

        /// <summary>Task i's dependencies as global indexes, duplicates merged, ascending.</summary>
        public int[] DependenciesOf(int i) => i == 0 ? [] : Tasks[i].DependsOn.Select(d => d.Raw % i).Distinct().Order().ToArray();

        /// <summary>The phases' task counts, in order (null for a flat plan).</summary>
        public int[]? PhaseSizes()
        {
            if (PhaseCuts is null)
            {
                return null;
            }
            var cuts = PhaseCuts.Select(c => c % (Count + 1)).Order().Append(Count).ToArray();
            var sizes = new int[cuts.Length];
            var start = 0;
            for (var p = 0; p < cuts.Length; p++)
            {
                sizes[p] = cuts[p] - start;
                start = cuts[p];
            }
            return sizes;
        }
    }

    public readonly record struct Mutation(int Kind, int A, int B);

    public readonly record struct TextDamage(int Kind, int A, int B);

    /// <summary>A plan, the mutations applied to its JSON in order, and the damage done to its text.</summary>
    public sealed record Case(PlanSpec Plan, Mutation[] Mutations, TextDamage[] Damage)
    {
        public JsonObject Json()
        {
            var root = ToJson(Plan);
            foreach (var mutation in Mutations)
            {
                Apply(root, mutation);
            }
            return root;
        }

        public string Text() => Damage.Aggregate(Json().ToJsonString(Wide), Apply);

        public override string ToString() =>
            $"mutations [{string.Join(", ", Mutations)}], damage [{string.Join(", ", Damage)}]: {Shorten(Text(), 4000)}";
    }

    public static Gen<TaskSpec> Task { get; } = Gen.Select(
        Text(12), Text(30), Gen.OneOf(TaskTypes), Gen.OneOf(Complexities),
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 4], (raw, form) => new DepSpec(raw, form)).Array[0, 4],
        Gen.Int[0, 1000].Nullable(0.6), Gen.OneOf(Tools).Array[0, 4].Null(0.5), Gen.OneOf(Tiers).Null(0.85),
        Gen.OneOf(RequirementIds).Array[0, 3].Null(0.5), Text(20).Null(0.7), Text(10).Array[0, 3].Null(0.8), Gen.OneOf(Files).Array[0, 3].Null(0.6),
        (title, description, type, complexity, deps, priority, tools, tier, requirements, criteria, criteriaList, files) =>
            new TaskSpec(title, description, type, complexity, deps, priority, tools, tier, requirements, criteria, criteriaList, files));

    public static Gen<SectionSpec> Sections { get; } = Gen.Select(
        Gen.Int[0, 2], Text(15).Array[0, 3], Gen.Int[0, 2], Gen.Int[0, 2], Text(20), Gen.Int[0, 10_000].Array[0, 3],
        (questionsKind, questions, risks, strategyKind, strategy, testTasks) => new SectionSpec(questionsKind, questions, risks, strategyKind, strategy, testTasks));

    /// <summary>A plan valid by construction, of 1 to <paramref name="maxTasks"/> tasks.</summary>
    public static Gen<PlanSpec> Plan(int maxTasks) =>
        from summary in Text(20)
        from tasks in Task.Array[1, maxTasks]
        from phaseCuts in Gen.Int[0, 10_000].Array[0, 4].Null(0.5)
        from sections in Sections
        select new PlanSpec(summary, tasks, phaseCuts, sections);

    /// <summary>One mutation; kinds are numbered as in <see cref="Apply(JsonObject, Mutation)"/>.</summary>
    public static Gen<Mutation> AnyMutation { get; } = Gen.Select(Gen.Int[0, 19], Gen.Int[0, 10_000], Gen.Int[0, 10_000], (kind, a, b) => new Mutation(kind, a, b));

    public static Gen<TextDamage> AnyDamage { get; } = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 10_000], Gen.Int[0, 10_000], (kind, a, b) => new TextDamage(kind, a, b));

    /// <summary>Plans with 0–3 mutations and no text damage (what an editor sends as a JSON body).</summary>
    public static Gen<Case> Mutated(int maxTasks) =>
        Gen.Select(Plan(maxTasks), AnyMutation.Array[0, 3], (plan, mutations) => new Case(plan, mutations, []));

    /// <summary>Plans with 0–3 mutations and 0–2 kinds of damage to the text (what a model answers).</summary>
    public static Gen<Case> Damaged(int maxTasks) =>
        Gen.Select(Plan(maxTasks), AnyMutation.Array[0, 3], AnyDamage.Array[0, 2], (plan, mutations, damage) => new Case(plan, mutations, damage));

    public static JsonObject ToJson(PlanSpec plan)
    {
        var tasks = Enumerable.Range(0, plan.Count).Select(i => (JsonNode?)TaskJson(plan, i)).ToList();
        var root = new JsonObject { ["summary"] = "S " + plan.Summary };
        if (plan.PhaseSizes() is { } sizes)
        {
            var phases = new JsonArray();
            var next = 0;
            for (var p = 0; p < sizes.Length; p++)
            {
                var phase = new JsonObject
                {
                    ["name"] = $"Phase {p}",
                    ["tasks"] = new JsonArray(tasks.Skip(next).Take(sizes[p]).ToArray()),
                };
                if (p % 2 == 1)
                {
                    phase["description"] = "Phase " + plan.Summary;
                }
                phases.Add(phase);
                next += sizes[p];
            }
            root["phases"] = phases;
        }
        else
        {
            root["tasks"] = new JsonArray(tasks.ToArray());
        }
        AddSections(root, plan);
        return root;
    }

    private static JsonObject TaskJson(PlanSpec plan, int i)
    {
        var t = plan.Tasks[i];
        var task = new JsonObject
        {
            ["title"] = plan.TitleOf(i),
            ["description"] = t.Description,
            ["task_type"] = t.TaskType,
            ["complexity"] = t.Complexity,
            ["depends_on"] = new JsonArray(i == 0 ? [] : t.DependsOn.Select(d => DependencyJson(plan, d.Raw % i, d.Form)).ToArray()),
        };
        if (t.Priority is { } priority)
        {
            task["priority"] = priority;
        }
        if (t.Tools is { } tools)
        {
            task["tools_needed"] = Strings(tools);
        }
        if (t.ModelTier is { } tier)
        {
            task["model_tier"] = tier;
        }
        if (t.RequirementIds is { } ids)
        {
            task["requirement_ids"] = Strings(ids);
        }
        if (t.Criteria is { } criteria)
        {
            task["verification_criteria"] = Strings(criteria);
        }
        else if (t.CriteriaText is { } text)
        {
            task["verification_criteria"] = text;
        }
        if (t.Files is { } files)
        {
            task["affected_files"] = Strings(files);
        }
        return task;
    }

    private static JsonNode? DependencyJson(PlanSpec plan, int target, int form) => form switch
    {
        1 => $" {target} ",
        2 => plan.TitleOf(target),
        3 => plan.TitleOf(target).ToUpperInvariant(),
        4 => JsonValue.Create(target + 0.0m),
        _ => target,
    };

    private static void AddSections(JsonObject root, PlanSpec plan)
    {
        var s = plan.Sections;
        if (s.QuestionsKind == 1)
        {
            root["open_questions"] = Strings(s.Questions);
        }
        else if (s.QuestionsKind == 2)
        {
            root["open_questions"] = new JsonArray(s.Questions.Select((q, k) => (JsonNode?)new JsonObject
            {
                ["question"] = $"Q{k} {q}",
                ["proposed_answer"] = k % 2 == 0 ? q : null,
            }).ToArray());
        }
        if (s.Risks > 0)
        {
            root["risk_assessment"] = new JsonArray(Enumerable.Range(0, s.Risks).Select(k => (JsonNode?)new JsonObject
            {
                ["risk"] = $"Risk {k}", ["likelihood"] = "low", ["impact"] = s.Strategy, ["mitigation"] = "Backups",
            }).ToArray());
        }
        if (s.StrategyKind == 1)
        {
            root["test_strategy"] = s.Strategy;
        }
        else if (s.StrategyKind == 2)
        {
            root["test_strategy"] = new JsonObject
            {
                ["approach"] = s.Strategy,
                ["test_tasks"] = new JsonArray(s.TestTasks.Select((t, k) =>
                    k % 2 == 0 ? (JsonNode?)(t % plan.Count) : plan.TitleOf(t % plan.Count)).ToArray()),
                ["coverage_notes"] = "Counts",
            };
        }
    }

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)i).ToArray());
}
