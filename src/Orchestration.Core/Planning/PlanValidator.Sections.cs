using System.Text.Json;
using System.Text.Json.Nodes;
using static Orchestration.Core.Planning.PlanFieldReader;

namespace Orchestration.Core.Planning;

public static partial class PlanValidator
{
    private static List<OpenQuestion>? ReadOpenQuestions(JsonObject obj, ValidationErrors errors) =>
        ReadSection(obj, "open_questions", errors, (item, path) => item switch
        {
            // A bare string is a question without a proposed answer; held to the question's own limits, since it is
            // stored (and read back at approval) as {"question": ...}. An empty one is dropped.
            JsonValue v when v.GetValueKind() == JsonValueKind.String => BareText(v, path, errors) is { Length: > 0 } question
                ? new OpenQuestion { Question = question }
                : null,
            JsonObject q => new OpenQuestion
            {
                Question = String(q, "question", path, errors, required: true, PlanLimits.MaxTextLength) ?? "",
                ProposedAnswer = String(q, "proposed_answer", path, errors, required: false, PlanLimits.MaxTextLength),
                Impact = String(q, "impact", path, errors, required: false, PlanLimits.MaxTextLength),
            },
            _ => Wrong<OpenQuestion>(item, path, "a question object", errors),
        });

    private static List<RiskItem>? ReadRisks(JsonObject obj, ValidationErrors errors) =>
        ReadSection(obj, "risk_assessment", errors, (item, path) => item is JsonObject r
            ? new RiskItem
            {
                Risk = String(r, "risk", path, errors, required: true, PlanLimits.MaxTextLength) ?? "",
                Likelihood = String(r, "likelihood", path, errors, required: false, PlanLimits.MaxTextLength),
                Impact = String(r, "impact", path, errors, required: false, PlanLimits.MaxTextLength),
                Mitigation = String(r, "mitigation", path, errors, required: false, PlanLimits.MaxTextLength),
            }
            : Wrong<RiskItem>(item, path, "a risk object", errors));

    private static TestStrategy? ReadTestStrategy(JsonObject obj, ValidationErrors errors)
    {
        switch (obj["test_strategy"])
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return BareText(v, "test_strategy", errors) is { } approach ? new TestStrategy { Approach = approach } : null;
            case JsonObject s:
                // Test tasks may be named by title or by index; both are kept as text.
                if (s["test_tasks"] is JsonArray tasks)
                {
                    s["test_tasks"] = new JsonArray(tasks.Select(t => (JsonNode?)(TryWholeNumber(t, out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : t?.DeepClone())).ToArray());
                }
                return new TestStrategy
                {
                    Approach = String(s, "approach", "test_strategy", errors, required: false, PlanLimits.MaxTextLength),
                    TestTasks = StringList(s, "test_tasks", "test_strategy", errors, PlanLimits.MaxListItems, PlanLimits.MaxTextLength) ?? [],
                    CoverageNotes = String(s, "coverage_notes", "test_strategy", errors, required: false, PlanLimits.MaxTextLength),
                };
            default:
                errors.Add("test_strategy", $"must be an object with approach, test_tasks and coverage_notes, not {KindOf(obj["test_strategy"])}.");
                return null;
        }
    }

    /// <summary>A string written where an object is expected, trimmed, held to the text rules of the field it stands for.</summary>
    private static string? BareText(JsonValue value, string path, ValidationErrors errors)
    {
        var text = value.GetValue<string>().Trim();
        if (TextProblem(text, PlanLimits.MaxTextLength) is { } problem)
        {
            errors.Add(path, problem);
            return null;
        }
        return text;
    }

    private static List<T>? ReadSection<T>(JsonObject obj, string key, ValidationErrors errors, Func<JsonNode?, string, T?> read) where T : class
    {
        if (Array(obj, key, key, errors) is not { } array)
        {
            return null;
        }
        if (array.Count > PlanLimits.MaxSectionItems)
        {
            errors.Add(key, $"has {array.Count} items; at most {PlanLimits.MaxSectionItems} are allowed.");
            return null;
        }
        var items = new List<T>();
        for (var i = 0; i < array.Count; i++)
        {
            if (read(array[i], $"{key}[{i}]") is { } item)
            {
                items.Add(item);
            }
        }
        return items;
    }

    private static T? Wrong<T>(JsonNode? item, string path, string expected, ValidationErrors errors) where T : class
    {
        errors.Add(path, $"must be {expected}, not {KindOf(item)}.");
        return null;
    }
}
