using Orchestration.Core.Planning;

namespace Orchestration.Core.Tests.Planning;

/// <summary>Sample planner answers under Planning/Corpus, and plans generated in code.</summary>
internal static class PlanCorpus
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Planning", "Corpus", name));

    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Planning", "Corpus")).Select(Path.GetFileName)!;

    public static PlanValidationResult ParseAndValidate(string text, IReadOnlyCollection<string>? requirementIds = null)
    {
        var parsed = PlanParser.Parse(text);
        return parsed.Found ? PlanValidator.Validate(parsed.Json, requirementIds) : PlanValidationResult.Invalid("plan", parsed.Error!);
    }

    /// <summary>A flat plan of <paramref name="count"/> tasks where task i depends on i-1 (and on i-2 every third task).</summary>
    public static string Chain(int count) =>
        "{\"summary\": \"generated\", \"tasks\": [" + string.Join(",", Enumerable.Range(0, count).Select(i =>
        {
            var deps = i == 0 ? "" : i % 3 == 0 && i >= 2 ? $"{i - 1}, {i - 2}" : $"{i - 1}";
            return $$"""{"title": "Task {{i}}", "description": "d", "task_type": "code", "complexity": "simple", "depends_on": [{{deps}}]}""";
        })) + "]}";
}
