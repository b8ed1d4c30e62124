using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestration.Core.Tests.Planning;

/// <summary>How <see cref="AnyMutation"/> cases break a valid plan's JSON.</summary>
internal static partial class PlanGen
{
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
}
