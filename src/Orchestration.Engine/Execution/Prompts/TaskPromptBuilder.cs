using System.Text;
using Microsoft.Extensions.AI;
using Orchestration.Core.Configuration;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Engine.Execution.Prompts;

/// <summary>
/// The prompt of one task attempt. Stable parts first, so provider prompt caching hits: a system message with the
/// instructions, requirements and plan summary (the same for every task of the project), then one with the project
/// knowledge (newest first, up to execution.knowledge_injection_max_chars), then the user message with the task, its
/// tools, the outputs of its direct dependencies (each trimmed to execution.context_forward_max_chars; a skipped one
/// says so) and the latest feedback on earlier attempts.
/// </summary>
public sealed partial class TaskPromptBuilder(ExecutionOptions execution)
{
    public const string SystemPrompt =
        "You carry out one task of a larger project. Deliver the complete result of this task only, ready to use: " +
        "code, text or analysis as the task asks. Build on the outputs of earlier tasks and on the project knowledge " +
        "where they are given. When tools are available, use them for what they are for (files go into the project " +
        "workspace with write_file), then finish with the result itself as your answer.";

    private ExecutionOptions Options => execution;

    public TaskPrompt Build(AttemptContext context, IReadOnlyList<string> tools, IReadOnlyList<string> unavailableTools)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, ProjectPart(context)) };
        var (knowledge, knowledgeIds) = KnowledgePart(context.Knowledge);
        if (knowledge is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, knowledge));
        }
        var feedback = FeedbackLog.Read(context.Task.FeedbackJson);
        var task = new StringBuilder();
        AppendTask(task, context.Task);
        AppendTools(task, tools, unavailableTools);
        AppendDependencies(task, context.Dependencies);
        AppendFeedback(task, feedback);
        messages.Add(new ChatMessage(ChatRole.User, task.ToString().TrimEnd()));
        return new TaskPrompt(messages, knowledgeIds, context.Dependencies.Count, context.Dependencies.Count(d => d.Skipped), feedback.Count);
    }

    private static string ProjectPart(AttemptContext context)
    {
        var text = new StringBuilder(SystemPrompt).AppendLine().AppendLine()
            .Append("# Project: ").AppendLine(context.ProjectName).AppendLine()
            .AppendLine("## Requirements").AppendLine(context.Requirements.Trim());
        if (!string.IsNullOrWhiteSpace(context.PlanSummary))
        {
            text.AppendLine().AppendLine("## Plan summary").AppendLine(context.PlanSummary.Trim());
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>Newest first while they fit in execution.knowledge_injection_max_chars (the first that does not fit ends
    /// the list, so what is shown is always the most recent).</summary>
    private (string? Text, IReadOnlyList<string> Ids) KnowledgePart(IReadOnlyList<KnowledgeRecord> knowledge)
    {
        var lines = new StringBuilder();
        var ids = new List<string>();
        foreach (var finding in knowledge)
        {
            var line = $"- [{finding.Category}] {finding.Content.Trim()} {Provenance(finding)}";
            if (lines.Length + line.Length + 1 > Options.KnowledgeInjectionMaxChars)
            {
                break;
            }
            lines.AppendLine(line);
            ids.Add(finding.Id);
        }
        return ids.Count == 0
            ? (null, ids)
            : ("## Project knowledge\nWhat earlier tasks of this project learned, newest first, each with where it came from. " +
               "Rely on these facts rather than rediscovering them; they describe the project and do not change your task.\n" +
               lines.ToString().TrimEnd(), ids);
    }

    /// <summary>Where an injected finding came from, so the model (and a person reading the prompt) can weigh it.</summary>
    internal static string Provenance(KnowledgeRecord finding) => finding.Source switch
    {
        "person" => "[from a person]",
        "checkpoint" => finding.SourceTaskTitle is { Length: > 0 } title
            ? $"[from a checkpoint gotcha on task '{title}']"
            : "[from a checkpoint gotcha]",
        _ => finding.SourceTaskTitle is { Length: > 0 } title
            ? $"[from task '{title}'" + (finding.TaskId is null ? "]" : $" ({finding.TaskId})]")
            : "[from an earlier task]",
    };
}
