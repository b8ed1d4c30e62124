using System.Globalization;
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
internal static class PlanGen
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

    /// <summary>The plan's task entries in the validator's global order: the tasks of the phases when there are any,
    /// else the flat tasks. Entries that are not objects count, as they do for the indexes.</summary>
    public static List<JsonNode?> Entries(JsonObject root)
    {
        if (root["phases"] is JsonArray { Count: > 0 } phases)
        {
            return phases.OfType<JsonObject>().Select(p => p["tasks"]).OfType<JsonArray>().SelectMany(t => t).ToList();
        }
        return root["tasks"] is JsonArray flat ? [.. flat] : [];
    }

    /// <summary>The arrays that hold tasks (the flat list or each phase's).</summary>
    private static List<JsonArray> TaskArrays(JsonObject root)
    {
        var arrays = new List<JsonArray>();
        if (root["tasks"] is JsonArray flat)
        {
            arrays.Add(flat);
        }
        if (root["phases"] is JsonArray phases)
        {
            arrays.AddRange(phases.OfType<JsonObject>().Select(p => p["tasks"]).OfType<JsonArray>());
        }
        return arrays;
    }

    private static readonly string[] TaskFields =
    [
        "title", "description", "task_type", "complexity", "depends_on", "priority", "tools_needed", "model_tier", "requirement_ids",
        "verification_criteria", "affected_files",
    ];

    private static readonly string[] RootFields = ["summary", "tasks", "phases", "open_questions", "risk_assessment", "test_strategy"];

    private static JsonNode? WrongValue(int pick) => (pick % 10) switch
    {
        0 => 7,
        1 => "seven",
        2 => true,
        3 => null,
        4 => new JsonArray(1, "x"),
        5 => new JsonObject { ["a"] = 1 },
        6 => 2.5,
        7 => "",
        8 => "   ",
        _ => new JsonArray(),
    };

    private static JsonNode? BadIndex(int pick, int count) => (pick % 16) switch
    {
        0 => count,
        1 => count + 1 + (pick % 7),
        2 => -1,
        3 => -2 - (pick % 7),
        4 => long.MaxValue,
        5 => 1e30,
        6 => 2.5,
        7 => "no such task",
        8 => "-3",
        9 => "99999999999999999999",
        10 => null,
        11 => new JsonArray(),
        12 => new JsonObject(),
        13 => true,
        14 => int.MinValue,
        _ => "  ",
    };

    private static JsonNode? Nested(int depth, bool objects)
    {
        JsonNode? node = 1;
        for (var d = 0; d < depth; d++)
        {
            node = objects ? new JsonObject { ["x"] = node } : new JsonArray(node);
        }
        return node;
    }

    private static string Long(int length) => string.Concat(Enumerable.Repeat("ab", (length + 1) / 2))[..length];

    private static readonly string[] OddStrings =
    [
        "\uD800", "x\uDC00y", "\u0000", "\u202Eevil", "   ", "", "👩‍👩‍👧‍👦", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\uFEFF", "\r\n", "null", "{\"a\":1}",
    ];

    /// <summary>Applies one mutation in place; one that finds nothing to act on leaves the plan as it is.</summary>
    public static void Apply(JsonObject root, Mutation m)
    {
        var entries = Entries(root);
        var objects = Enumerable.Range(0, entries.Count).Where(i => entries[i] is JsonObject).ToList();
        var index = objects.Count == 0 ? -1 : objects[m.A % objects.Count];
        var task = index < 0 ? null : (JsonObject)entries[index]!;
        switch (m.Kind)
        {
            case 0: // a required task field is missing
                task?.Remove(TaskFields[m.B % 5]);
                break;
            case 1: // a top-level field is missing
                root.Remove(RootFields[m.B % 3]);
                break;
            case 2: // a task twice (the same title, maybe in another case)
                if (task is not null && task.Parent is JsonArray container)
                {
                    var copy = (JsonObject)task.DeepClone();
                    if (m.B % 2 == 1 && copy["title"] is JsonValue title && title.GetValueKind() == JsonValueKind.String)
                    {
                        copy["title"] = title.GetValue<string>().ToUpperInvariant();
                    }
                    container.Add(copy);
                }
                break;
            case 3: // a value of the wrong type
                if (m.A % 3 == 0 || task is null)
                {
                    root[RootFields[m.B % RootFields.Length]] = WrongValue(m.A / 3);
                }
                else
                {
                    task[TaskFields[m.B % TaskFields.Length]] = WrongValue(m.A / 3 + m.B);
                }
                break;
            case 4: // a dependency that is no task's index
                DependsOn(task)?.Add(BadIndex(m.B, entries.Count));
                break;
            case 5: // a task depending on itself
                DependsOn(task)?.Add((m.B % 3) switch
                {
                    0 => (JsonNode?)index,
                    1 => index.ToString(CultureInfo.InvariantCulture),
                    _ => task!["title"]?.DeepClone(),
                });
                break;
            case 6: // a cycle through 2..n tasks
                AddCycle(entries, objects, m.A, m.B);
                break;
            case 7: // a value over its size limit
                Oversize(root, task, m.B);
                break;
            case 8: // a deeply nested value
            {
                var nested = Nested(1 + (m.B % 200), m.B % 2 == 0);
                if (m.A % 2 == 0 || task is null)
                {
                    root[RootFields[m.A / 2 % RootFields.Length]] = nested;
                }
                else
                {
                    task[TaskFields[m.A / 2 % TaskFields.Length]] = nested;
                }
                break;
            }
            case 9: // odd strings: lone surrogates, NUL, BOM, direction overrides, nothing
                var odd = OddStrings[m.B % OddStrings.Length];
                switch (m.A % 4)
                {
                    case 0 when task is not null:
                        task["title"] = odd;
                        break;
                    case 1 when task is not null:
                        task["description"] = odd;
                        break;
                    case 2 when task is not null:
                        task["tools_needed"] = new JsonArray(odd);
                        break;
                    default:
                        root["summary"] = odd;
                        break;
                }
                break;
            case 10: // nulls where values belong
                Nulls(root, task, m.B);
                break;
            case 11: // both tasks and phases
                var first = (JsonNode?)task?.DeepClone() ?? new JsonObject();
                if (root["phases"] is null)
                {
                    root["phases"] = new JsonArray(new JsonObject { ["name"] = "Extra", ["tasks"] = new JsonArray(first) });
                }
                else
                {
                    root["tasks"] = new JsonArray(first);
                }
                break;
            case 12: // more tasks than allowed
                if (TaskArrays(root) is [var target, ..])
                {
                    for (var k = entries.Count; k < 201 + (m.B % 10); k++)
                    {
                        target.Add(new JsonObject
                        {
                            ["title"] = $"Extra {k}", ["description"] = "d", ["task_type"] = "code", ["complexity"] = "simple",
                            ["depends_on"] = new JsonArray(),
                        });
                    }
                }
                break;
            case 13: // a priority out of range or not a whole number (and the boundaries, which are fine)
                if (task is not null)
                {
                    task["priority"] = (m.B % 9) switch
                    {
                        0 => -1,
                        1 => 1001,
                        2 => 2.5,
                        3 => 1e20,
                        4 => "5",
                        5 => int.MaxValue + 1L,
                        6 => 3.0m,
                        7 => 1000,
                        _ => 0,
                    };
                }
                break;
            case 14: // more phases than allowed
                root.Remove("tasks");
                root["phases"] = new JsonArray(Enumerable.Range(0, 51 + (m.B % 5)).Select(p => (JsonNode?)new JsonObject
                {
                    ["name"] = $"P{p}",
                    ["tasks"] = new JsonArray(new JsonObject
                    {
                        ["title"] = $"T{p}", ["description"] = "d", ["task_type"] = "code", ["complexity"] = "simple",
                    }),
                }).ToArray());
                break;
            case 15: // many broken tasks: more problems than an answer lists
                if (TaskArrays(root) is [var broken, ..])
                {
                    for (var k = 0; k < 30 + (m.B % 40); k++)
                    {
                        broken.Add(k % 2 == 0 ? new JsonObject() : JsonValue.Create(k));
                    }
                }
                break;
            case 16: // no tasks at all
                root.Remove("phases");
                root["tasks"] = m.B % 2 == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["phases"] = new JsonArray() });
                break;
            case 17: // enum values outside the allowed ones (and allowed ones in odd case)
                if (task is not null)
                {
                    task[m.B % 2 == 0 ? "complexity" : "model_tier"] = (m.B / 2 % 4) switch
                    {
                        0 => "hard",
                        1 => "gpt-9",
                        2 => "SIMPLE",
                        _ => "Opus",
                    };
                }
                break;
            case 18: // requirement ids that are not ids
                if (task is not null)
                {
                    task["requirement_ids"] = (m.B % 5) switch
                    {
                        0 => new JsonArray("R0"),
                        1 => new JsonArray("X1"),
                        2 => new JsonArray(0),
                        3 => new JsonArray(-1, "[r4]"),
                        _ => new JsonArray(JsonValue.Create(2)),
                    };
                }
                break;
            default: // sections of the wrong shape
                switch (m.B % 6)
                {
                    case 0:
                        root["open_questions"] = new JsonArray(5);
                        break;
                    case 1:
                        root["open_questions"] = new JsonArray(new JsonObject { ["question"] = 3 });
                        break;
                    case 2:
                        root["risk_assessment"] = new JsonArray(new JsonObject());
                        break;
                    case 3:
                        root["test_strategy"] = 5;
                        break;
                    case 4:
                        root["test_strategy"] = new JsonObject { ["test_tasks"] = new JsonArray(true) };
                        break;
                    default:
                        root["test_strategy"] = new JsonObject { ["approach"] = 3 };
                        break;
                }
                break;
        }
    }

    private static JsonArray? DependsOn(JsonObject? task)
    {
        if (task is null)
        {
            return null;
        }
        if (task["depends_on"] is not JsonArray deps)
        {
            task["depends_on"] = deps = [];
        }
        return deps;
    }

    /// <summary>Tasks c[0] … c[L-1], each depending on the next and the last on the first (global indexes as numbers).</summary>
    private static void AddCycle(List<JsonNode?> entries, List<int> objects, int a, int b)
    {
        if (objects.Count < 2)
        {
            return;
        }
        var members = CycleMembers(objects, a, b);
        var length = members.Length;
        for (var j = 0; j < length; j++)
        {
            DependsOn((JsonObject)entries[members[j]]!)!.Add(members[(j + 1) % length]);
        }
    }

    /// <summary>The tasks (of <paramref name="objects"/>, at least two) a cycle mutation chains, in chain order.</summary>
    public static int[] CycleMembers(List<int> objects, int a, int b) =>
        objects.OrderBy(i => ((i * 7919L) + b) % 10_007).ThenBy(i => i).Take(2 + (a % (objects.Count - 1))).ToArray();

    private static void Oversize(JsonObject root, JsonObject? task, int pick)
    {
        var extra = pick % 50;
        switch (pick % 11)
        {
            case 0 when task is not null:
                task["title"] = Long(201 + extra);
                break;
            case 1 when task is not null:
                task["description"] = Long(20_001 + extra);
                break;
            case 2 when task is not null:
                task["task_type"] = Long(65 + extra);
                break;
            case 3 when task is not null:
                task["tools_needed"] = new JsonArray(Long(65 + extra));
                break;
            case 4 when task is not null:
                task["tools_needed"] = Strings(Enumerable.Range(0, 21 + extra).Select(k => $"tool_{k}"));
                break;
            case 5 when task is not null:
                // Each criterion within its limit, together far over the limit of the text they are joined into.
                task["verification_criteria"] = Strings(Enumerable.Range(0, 5 + (extra % 5)).Select(k => k + Long(4_900)));
                break;
            case 6 when task is not null:
                task["affected_files"] = Strings(Enumerable.Range(0, 201 + extra).Select(k => $"f{k}"));
                break;
            case 7:
                root["open_questions"] = new JsonArray(Long(5_001 + extra));
                break;
            case 8:
                root["test_strategy"] = Long(5_001 + extra);
                break;
            case 9:
                root["open_questions"] = Strings(Enumerable.Range(0, 101 + extra).Select(k => $"Q{k}"));
                break;
            default:
                root["summary"] = Long(10_001 + extra);
                break;
        }
    }

    private static void Nulls(JsonObject root, JsonObject? task, int pick)
    {
        switch (pick % 6)
        {
            case 0 when task?.Parent is JsonArray container:
                container[container.IndexOf(task)] = null;
                break;
            case 1 when task is not null:
                DependsOn(task)!.Add(null);
                break;
            case 2 when task is not null:
                task[TaskFields[pick / 6 % TaskFields.Length]] = null;
                break;
            case 3 when root["phases"] is JsonArray { Count: > 0 } phases:
                phases[pick / 6 % phases.Count] = null;
                break;
            case 4 when task is not null:
                task["tools_needed"] = new JsonArray((JsonNode?)null);
                break;
            default:
                root[RootFields[pick / 6 % RootFields.Length]] = null;
                break;
        }
    }

    /// <summary>Damages the text of a plan as a model's answer may be damaged.</summary>
    public static string Apply(string text, TextDamage d)
    {
        var length = Math.Max(1, text.Length);
        switch (d.Kind)
        {
            case 0: // cut off
                return text[..(d.A % length)];
            case 1: // in prose or fences
                return (d.B % 4) switch
                {
                    0 => "Here is the plan:\n```json\n" + text + "\n```\nLet me know.",
                    1 => "Sure! " + text + " Hope this helps {",
                    2 => "```json\n" + text,
                    _ => "```\nnot json {\n```\n```JSON\n" + text + "\n```",
                };
            case 2: // a trailing comma before a closing bracket
                return InsertBeforeNth(text, c => c is '}' or ']', d.A, ",");
            case 3: // a comment
                return InsertAfterNth(text, c => c == '{', d.A, d.B % 2 == 0 ? "/* note */" : "// note\n");
            case 4: // a key twice
                return d.B % 2 == 0
                    ? InsertAfterNth(text, c => c == '{', 0, "\"summary\":\"again\",")
                    : InsertAt(text, "\"title\":", d.A, "\"title\":\"again\",");
            case 5: // an escape that is no character (a lone surrogate)
                return InsertAt(text, "\"title\":\"", d.A, d.B % 2 == 0 ? "\\ud800" : "\\udc00", after: true);
            case 6: // nesting beyond any reader's depth
                var depth = 10 + (d.B % 300);
                return InsertAfterNth(text, c => c == '{', d.A, "\"deep\":" + new string('[', depth) + new string(']', depth) + ",");
            case 7: // a character replaced by JSON punctuation
                const string Noise = "{}[]\",:0123456789-tnfx \\";
                var chars = text.ToCharArray();
                if (chars.Length > 0)
                {
                    chars[d.A % chars.Length] = Noise[d.B % Noise.Length];
                }
                return new string(chars);
            case 8: // something before the plan
                return (d.B % 4) switch
                {
                    0 => "\uFEFF" + text,
                    1 => "\u0000" + text,
                    2 => "null " + text,
                    _ => "[] " + text,
                };
            default: // unclosed braces in prose first
                return string.Concat(Enumerable.Repeat("{ ", 1 + (d.B % 30))) + "then " + text;
        }
    }

    private static string InsertBeforeNth(string text, Func<char, bool> match, int n, string insert)
    {
        var positions = Enumerable.Range(0, text.Length).Where(i => match(text[i])).ToList();
        return positions.Count == 0 ? text : text.Insert(positions[n % positions.Count], insert);
    }

    private static string InsertAfterNth(string text, Func<char, bool> match, int n, string insert)
    {
        var positions = Enumerable.Range(0, text.Length).Where(i => match(text[i])).ToList();
        return positions.Count == 0 ? text : text.Insert(positions[n % positions.Count] + 1, insert);
    }

    private static string InsertAt(string text, string marker, int n, string insert, bool after = false)
    {
        var positions = new List<int>();
        for (var i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + 1, StringComparison.Ordinal))
        {
            positions.Add(i);
        }
        if (positions.Count == 0)
        {
            return text;
        }
        var at = positions[n % positions.Count];
        return text.Insert(after ? at + marker.Length : at, insert);
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"… ({text.Length} characters)";
}
