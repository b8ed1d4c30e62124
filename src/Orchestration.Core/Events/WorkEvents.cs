namespace Orchestration.Core.Events;

/// <summary>What happens inside and after an attempt: its prompt, tool calls, knowledge learned, workspace commits.</summary>
public static class WorkEvents
{
    /// <summary>What the prompt carried (counts and ids, never the prompt itself).</summary>
    public sealed record PromptFacts(IReadOnlyList<string> KnowledgeIds, int Dependencies, int SkippedDependencies, int FeedbackEntries);

    public static NewEvent PromptDescribed(string projectId, string taskId, string title, PromptFacts p, IReadOnlyList<string> tools,
        IReadOnlyList<string> unavailableTools) =>
        new(projectId, EventTypes.TaskContext,
            $"'{title}' prompt: {p.KnowledgeIds.Count} knowledge findings, {p.Dependencies} dependency outputs" +
            (p.SkippedDependencies > 0 ? $" ({p.SkippedDependencies} skipped)" : "") +
            (p.FeedbackEntries > 0 ? $", {p.FeedbackEntries} feedback entries" : "") +
            (tools.Count > 0 ? $", tools {string.Join(", ", tools)}" : ", no tools"), taskId,
            new Dictionary<string, object?>
            {
                ["knowledge_ids"] = p.KnowledgeIds,
                ["dependencies"] = p.Dependencies,
                ["skipped_dependencies"] = p.SkippedDependencies,
                ["feedback_entries"] = p.FeedbackEntries,
                ["tools"] = tools,
                ["unavailable_tools"] = unavailableTools,
            });

    public static NewEvent ExternalPromptDescribed(string projectId, string taskId, string title, PromptFacts p) =>
        new(projectId, EventTypes.TaskContext,
            $"'{title}' claimed by an external worker; prompt: {p.KnowledgeIds.Count} knowledge findings, {p.Dependencies} dependency outputs", taskId,
            new Dictionary<string, object?>
            {
                ["knowledge_ids"] = p.KnowledgeIds,
                ["dependencies"] = p.Dependencies,
                ["skipped_dependencies"] = p.SkippedDependencies,
                ["feedback_entries"] = p.FeedbackEntries,
                ["worker"] = "external",
            });

    public static NewEvent ToolCalled(string projectId, string taskId, string title, string tool, string arguments, int round, bool ok, string? error) =>
        new(projectId, EventTypes.ToolCall, $"'{title}' called {tool}({arguments})" + (ok ? "" : " and got an error"), taskId,
            new Dictionary<string, object?> { ["tool"] = tool, ["arguments"] = arguments, ["round"] = round, ["ok"] = ok, ["error"] = error });

    public static NewEvent KnowledgeExtracted(string projectId, string taskId, string title, IReadOnlyList<(string Id, string Category)> added) =>
        new(projectId, EventTypes.KnowledgeExtracted, $"Learned {added.Count} finding{(added.Count == 1 ? "" : "s")} from '{title}'", taskId,
            new Dictionary<string, object?>
            {
                ["knowledge_ids"] = added.Select(k => k.Id).ToList(),
                ["categories"] = added.Select(k => k.Category).ToList(),
            });

    public static NewEvent KnowledgeProposed(string projectId, string? taskId, string? title, string source,
        IReadOnlyList<(string Id, string Category, string? ScreenReason)> held) =>
        new(projectId, EventTypes.KnowledgeProposed,
            $"{held.Count} finding{(held.Count == 1 ? "" : "s")}" + (title is null ? "" : $" from '{title}'") + " wait for review", taskId,
            new Dictionary<string, object?>
            {
                ["knowledge_ids"] = held.Select(k => k.Id).ToList(),
                ["categories"] = held.Select(k => k.Category).ToList(),
                ["source"] = source,
                ["screen_reasons"] = held.Select(k => k.ScreenReason).ToList(),
            });

    public static NewEvent GitCommitted(string projectId, string taskId, string subject, string sha, string branch, IReadOnlyList<string> files, int maxListed) =>
        new(projectId, EventTypes.GitCommit,
            $"Committed \"{subject}\" as {sha[..Math.Min(7, sha.Length)]} on {branch} ({(files.Count == 1 ? "1 file" : $"{files.Count} files")})", taskId,
            new Dictionary<string, object?>
            {
                ["commit"] = sha,
                ["branch"] = branch,
                ["files"] = files.Take(maxListed).ToList(),
                ["files_total"] = files.Count,
            });

    public static NewEvent GitPushed(string projectId, string branch, string remote, string? sha) =>
        new(projectId, EventTypes.GitPush, $"Pushed {branch} to {remote}; open the pull request from it on the forge", null,
            new Dictionary<string, object?> { ["branch"] = branch, ["remote"] = remote, ["commit"] = sha });

    public static NewEvent GitFailed(string projectId, string? taskId, string operation, string message) =>
        new(projectId, EventTypes.GitError, message, taskId, new Dictionary<string, object?> { ["operation"] = operation });
}
