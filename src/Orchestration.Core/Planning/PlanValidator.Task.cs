using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Core.Domain;
using static Orchestration.Core.Planning.PlanFieldReader;

namespace Orchestration.Core.Planning;

public static partial class PlanValidator
{
    private static TaskDraft ReadTask(JsonNode? node, string path, string? phase, ValidationErrors errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add(path, $"must be a task object, not {KindOf(node)}.");
            return new TaskDraft(path, phase);
        }
        var title = String(obj, "title", path, errors, required: true, PlanLimits.MaxTitleLength);
        var description = String(obj, "description", path, errors, required: false, PlanLimits.MaxDescriptionLength);
        if (obj["description"] is null)
        {
            errors.Add(Path(path, "description"), "is required.");
        }
        var taskType = String(obj, "task_type", path, errors, required: true, PlanLimits.MaxTaskTypeLength);
        return new TaskDraft(path, phase)
        {
            Title = title ?? "",
            Description = description ?? "",
            TaskType = taskType is null ? "" : TaskTypes.Normalize(taskType),
            Complexity = ReadEnum<TaskComplexity>(obj, "complexity", path, errors, required: true) ?? TaskComplexity.Medium,
            ModelTier = ReadEnum<ModelTier>(obj, "model_tier", path, errors, required: false),
            Priority = Integer(obj, "priority", path, errors, PlanLimits.MinPriority, PlanLimits.MaxPriority),
            RawDependsOn = Array(obj, "depends_on", Path(path, "depends_on"), errors),
            ToolsNeeded = StringList(obj, "tools_needed", path, errors, PlanLimits.MaxTools, PlanLimits.MaxToolNameLength),
            RequirementIds = ReadRequirementIds(obj, path, errors),
            VerificationCriteria = ReadCriteria(obj, path, errors),
            AffectedFiles = StringList(obj, "affected_files", path, errors, PlanLimits.MaxListItems, PlanLimits.MaxPathLength) ?? [],
        };
    }

    /// <summary>An enum written as its wire name, in any case; a problem lists the allowed values.</summary>
    private static T? ReadEnum<T>(JsonObject obj, string key, string path, ValidationErrors errors, bool required) where T : struct, Enum
    {
        var text = String(obj, key, path, errors, required, 64);
        if (text is null)
        {
            return null;
        }
        if (WireNames.TryParse<T>(text.ToLowerInvariant(), out var value))
        {
            return value;
        }
        errors.Add(Path(path, key), $"'{text}' is not allowed; use one of: {string.Join(", ", WireNames.AllowedValues<T>())}.");
        return null;
    }

    /// <summary>Requirement ids as "R&lt;n&gt;"; "r2", "[R2]" and a bare 2 are read as R2.</summary>
    private static List<string> ReadRequirementIds(JsonObject obj, string path, ValidationErrors errors)
    {
        var at = Path(path, "requirement_ids");
        var result = new List<string>();
        if (Array(obj, "requirement_ids", at, errors) is not { } array)
        {
            return result;
        }
        if (array.Count > PlanLimits.MaxListItems)
        {
            errors.Add(at, $"has {array.Count} items; at most {PlanLimits.MaxListItems} are allowed.");
            return result;
        }
        for (var i = 0; i < array.Count; i++)
        {
            var id = RequirementId(array[i]);
            if (id is null)
            {
                errors.Add($"{at}[{i}]", $"must be a requirement id like \"R1\", not {Describe(array[i])}.");
            }
            else if (!result.Contains(id, StringComparer.Ordinal))
            {
                result.Add(id);
            }
        }
        return result;
    }

    private static string? RequirementId(JsonNode? node)
    {
        if (TryWholeNumber(node, out var n))
        {
            return n > 0 ? $"R{n}" : null;
        }
        if (node?.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }
        var text = node.GetValue<string>().Trim().Trim('[', ']').Trim();
        return text.Length > 1 && text.Length <= 10 && (text[0] is 'R' or 'r') && text[1..].All(char.IsAsciiDigit) && text[1..] != "0"
            ? "R" + int.Parse(text[1..], System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>Verification criteria as text; a list of criteria is joined one per line.</summary>
    private static string? ReadCriteria(JsonObject obj, string path, ValidationErrors errors)
    {
        if (obj["verification_criteria"] is JsonArray)
        {
            var items = StringList(obj, "verification_criteria", path, errors, PlanLimits.MaxListItems, PlanLimits.MaxTextLength);
            var joined = items is { Count: > 0 } ? string.Join("\n", items.Select(i => "- " + i)) : null;
            // Stored (and read back at approval) as that one text, so the text's limit holds for the criteria together.
            if (joined is { Length: > PlanLimits.MaxDescriptionLength })
            {
                errors.Add(Path(path, "verification_criteria"),
                    $"the criteria are {joined.Length} characters long together; at most {PlanLimits.MaxDescriptionLength} are allowed.");
                return null;
            }
            return joined;
        }
        var text = String(obj, "verification_criteria", path, errors, required: false, PlanLimits.MaxDescriptionLength);
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static string Describe(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? $"\"{Truncate(node.GetValue<string>(), 40)}\"" : KindOf(node);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>A task as read, before its dependencies are resolved against the whole plan.</summary>
    private sealed class TaskDraft(string path, string? phase)
    {
        public string Path { get; } = path;
        public string? Phase { get; } = phase;
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public string TaskType { get; init; } = "";
        public TaskComplexity Complexity { get; init; } = TaskComplexity.Medium;
        public ModelTier? ModelTier { get; init; }
        public int? Priority { get; init; }
        public JsonArray? RawDependsOn { get; init; }
        public IReadOnlyList<string>? ToolsNeeded { get; init; }
        public IReadOnlyList<string> RequirementIds { get; init; } = [];
        public string? VerificationCriteria { get; init; }
        public IReadOnlyList<string> AffectedFiles { get; init; } = [];

        public PlanTask Build(IReadOnlyList<int> dependsOn) => new()
        {
            Title = Title,
            Description = Description,
            TaskType = TaskType,
            Complexity = Complexity,
            DependsOn = dependsOn,
            ToolsNeeded = ToolsNeeded,
            RequirementIds = RequirementIds,
            VerificationCriteria = VerificationCriteria,
            AffectedFiles = AffectedFiles,
            ModelTier = ModelTier,
            Priority = Priority,
        };
    }
}
