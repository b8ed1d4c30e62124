namespace Orchestration.Core.Planning;

/// <summary>
/// The tools a task gets when its plan entry has no tools_needed (docs/api.md, Plan JSON: missing means the type's
/// defaults, [] means none). Resolved once, at approval, so a task row always lists exactly what it may use.
/// </summary>
public static class DefaultTools
{
    public const string SearchKnowledge = "search_knowledge";
    public const string LookupType = "lookup_type";
    public const string LocalLlm = "local_llm";
    public const string GenerateImage = "generate_image";
    public const string ReadFile = "read_file";
    public const string WriteFile = "write_file";

    public static IReadOnlyList<string> All { get; } = [SearchKnowledge, LookupType, LocalLlm, GenerateImage, ReadFile, WriteFile];

    public static IReadOnlyList<string> For(string taskType) => TaskTypes.Normalize(taskType) switch
    {
        "code" => [ReadFile, WriteFile, SearchKnowledge],
        "research" => [SearchKnowledge, LookupType],
        "analysis" => [SearchKnowledge, LookupType, ReadFile],
        "asset" => [GenerateImage],
        "integration" => [ReadFile, WriteFile, SearchKnowledge],
        "documentation" => [ReadFile, WriteFile],
        _ => [],
    };

    public static IReadOnlyList<string> Resolve(PlanTask task) => task.ToolsNeeded ?? For(task.TaskType);
}
