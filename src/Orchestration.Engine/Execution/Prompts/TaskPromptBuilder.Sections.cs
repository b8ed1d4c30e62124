using System.Text;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Execution.Prompts;

// The sections of the user message.
public sealed partial class TaskPromptBuilder
{
    private static void AppendTask(StringBuilder text, ExecutionTask task)
    {
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
    }

    private static void AppendTools(StringBuilder text, IReadOnlyList<string> tools, IReadOnlyList<string> unavailable)
    {
        text.AppendLine().AppendLine("## Tools");
        text.AppendLine(tools.Count == 0
            ? "No tools are available for this task: answer with the result itself."
            : $"You can call: {string.Join(", ", tools)}. Files live in this project's workspace, shared by its tasks; paths are relative to it.");
        if (unavailable.Count > 0)
        {
            text.Append("Listed for this task but not available here (do without them): ").AppendLine(string.Join(", ", unavailable) + ".");
        }
    }

    private void AppendDependencies(StringBuilder text, IReadOnlyList<DependencyOutput> dependencies)
    {
        if (dependencies.Count == 0)
        {
            return;
        }
        text.AppendLine().AppendLine("## Outputs of the tasks this one builds on");
        foreach (var dependency in dependencies)
        {
            text.AppendLine().Append("### ").AppendLine(dependency.Title);
            text.AppendLine(dependency.Skipped
                ? "(Skipped by a person at a checkpoint: this task produced no output to build on. Work without it.)"
                : Trim(dependency.OutputText ?? "(no output)"));
        }
    }

    private static void AppendFeedback(StringBuilder text, IReadOnlyList<FeedbackEntry> feedback)
    {
        if (feedback.Count == 0)
        {
            return;
        }
        text.AppendLine().AppendLine("## Feedback on earlier attempts")
            .AppendLine("Earlier attempts of this task were not accepted. Address every point below in this attempt:");
        foreach (var entry in feedback)
        {
            var source = entry.Source switch
            {
                "verifier" => "The verifier",
                "reviewer" => "The reviewer",
                "checkpoint" => "Guidance from a person (checkpoint)",
                var other => other,
            };
            text.Append("- ").Append(source).Append(": ").AppendLine(entry.Text.Trim());
        }
    }

    private string Trim(string output) =>
        output.Length <= Options.ContextForwardMaxChars ? output : output[..Options.ContextForwardMaxChars] + "\n… [truncated]";
}
