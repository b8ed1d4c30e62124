using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Verification;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Engine.Knowledge;

/// <summary>
/// Asks execution.knowledge_extraction_model (purpose knowledge) for the reusable findings of a completed task's
/// output (at least execution.knowledge_min_output_length characters). The answer is JSON
/// <c>{findings: [{category, content}]}</c> with the categories of docs/api.md. Extraction never fails a task: a
/// refused, failed or unreadable call yields no findings. Each finding comes back admitted under
/// execution.knowledge_policy (accepted, or proposed with the screen's reason).
/// </summary>
internal sealed partial class KnowledgeExtractor(IModelGateway gateway, ExecutionOptions execution, ILogger<KnowledgeExtractor> logger)
{
    public const int MaxFindings = 8;
    public const int MaxContentChars = 500;

    public static readonly string Instructions =
        "You extract reusable knowledge from the output of one task of a larger project, for the tasks that come after it. " +
        "Keep only facts a later task would otherwise have to rediscover: constraints, decisions made, discoveries, references " +
        "(names, paths, interfaces), gotchas, and architecture. Answer with one JSON object and nothing else: " +
        "{\"findings\": [{\"category\": \"constraint\" | \"decision\" | \"discovery\" | \"reference\" | \"gotcha\" | \"architecture\", " +
        $"\"content\": \"one self-contained sentence\"}}]}}. At most {MaxFindings} findings; an empty list when there is nothing worth keeping.";

    public async Task<IReadOnlyList<NewFinding>> ExtractAsync(ModelCallContext call, TaskBrief task, string? output, CancellationToken cancellationToken)
    {
        var options = execution;
        if (!options.KnowledgeExtractionEnabled || output is null || output.Trim().Length < options.KnowledgeMinOutputLength)
        {
            return [];
        }
        try
        {
            var prompt = $"{task.Describe()}\n## Output\n{TaskBrief.Capped(output, options.VerificationOutputMaxChars)}";
            var response = await gateway.CompleteAsync(new ModelRequest(call with { Purpose = CallPurpose.Knowledge }, null,
                options.KnowledgeExtractionModel, [new(ChatRole.System, Instructions), new(ChatRole.User, prompt)],
                new ChatOptions { MaxOutputTokens = options.KnowledgeExtractionMaxTokens }), cancellationToken);
            var policy = options.ParsedKnowledgePolicy();
            return [.. Parse(response.Response.Text).Select(f => FindingAdmission.Admit(f, policy, KnowledgeSource.Task))];
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogExtractionFailed(logger, call.TaskId, ex);
            return [];
        }
    }

    /// <summary>The valid findings of an answer: known categories, non-empty content (capped), no repeats.</summary>
    public static IReadOnlyList<NewFinding> Parse(string? answer)
    {
        if (JsonAnswer.Object(answer) is not { } json || !json.TryGetProperty("findings", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var findings = new List<NewFinding>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !WireNames.TryParse<KnowledgeCategory>(JsonAnswer.String(item, "category")?.Trim().ToLowerInvariant() ?? "", out var category)
                || JsonAnswer.String(item, "content")?.Trim() is not { Length: > 0 } content)
            {
                continue;
            }
            var capped = content.Length <= MaxContentChars ? content : content[..MaxContentChars] + "…";
            if (!findings.Exists(f => KnowledgeKey(f.Content) == KnowledgeKey(capped)))
            {
                findings.Add(new NewFinding(category.ToWire(), capped));
            }
            if (findings.Count == MaxFindings)
            {
                break;
            }
        }
        return findings;
    }

    private static string KnowledgeKey(string content) => string.Join(' ', content.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [LoggerMessage(EventId = 6401, Level = LogLevel.Warning, Message = "Knowledge extraction for task {TaskId} failed; the task keeps its result")]
    private static partial void LogExtractionFailed(ILogger logger, string? taskId, Exception exception);
}
