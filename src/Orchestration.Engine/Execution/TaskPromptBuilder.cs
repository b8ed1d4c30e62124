using System.Text;
using Microsoft.Extensions.AI;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Execution;

/// <summary>
/// The prompt of one task attempt: the project's requirements, the plan summary, the task, and the outputs of its
/// direct dependencies (each trimmed to execution.context_forward_max_chars). Kept small and separate so richer
/// assembly (knowledge, tools, feedback) can replace it.
/// </summary>
public sealed class TaskPromptBuilder(int contextForwardMaxChars)
{
    public const string SystemPrompt =
        "You carry out one task of a larger project. Deliver the complete result of this task only, ready to use: " +
        "code, text or analysis as the task asks. Build on the outputs of earlier tasks where they are given.";

    public IList<ChatMessage> Build(AttemptContext context)
    {
        var task = context.Task;
        var text = new StringBuilder()
            .Append("# Project: ").AppendLine(context.ProjectName).AppendLine()
            .AppendLine("## Requirements").AppendLine(context.Requirements.Trim()).AppendLine();
        if (!string.IsNullOrWhiteSpace(context.PlanSummary))
        {
            text.AppendLine("## Plan summary").AppendLine(context.PlanSummary.Trim()).AppendLine();
        }
        text.Append("## Your task: ").AppendLine(task.Title)
            .Append("Type: ").Append(task.TaskType).Append("; complexity: ").AppendLine(task.Complexity);
        if (task.Description.Length > 0)
        {
            text.AppendLine().AppendLine(task.Description.Trim());
        }
        if (!string.IsNullOrWhiteSpace(task.VerificationCriteria))
        {
            text.AppendLine().AppendLine("## Done when").AppendLine(task.VerificationCriteria.Trim());
        }
        if (context.Dependencies.Count > 0)
        {
            text.AppendLine().AppendLine("## Outputs of the tasks this one builds on");
            foreach (var dependency in context.Dependencies)
            {
                text.AppendLine().Append("### ").AppendLine(dependency.Title).AppendLine(dependency.OutputText is { } output ? Trim(output) : "(no output)");
            }
        }
        return [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, text.ToString().TrimEnd())];
    }

    private string Trim(string output) =>
        output.Length <= contextForwardMaxChars ? output : output[..contextForwardMaxChars] + "\n… [truncated]";
}
