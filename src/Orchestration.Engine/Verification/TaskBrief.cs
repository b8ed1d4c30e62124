namespace Orchestration.Engine.Verification;

/// <summary>What a verifier or a knowledge extractor is told about the task whose output it reads.</summary>
public sealed record TaskBrief(string Title, string TaskType, string Description, string? VerificationCriteria)
{
    /// <summary>The task as plain text, led by a "Task:" line.</summary>
    public string Describe()
    {
        var text = $"Task: {Title}\nType: {TaskType}\n";
        if (Description.Trim().Length > 0)
        {
            text += $"\n{Description.Trim()}\n";
        }
        if (!string.IsNullOrWhiteSpace(VerificationCriteria))
        {
            text += $"\nDone when:\n{VerificationCriteria.Trim()}\n";
        }
        return text;
    }

    /// <summary>The output as sent to a checking model: at most <paramref name="maxChars"/> characters.</summary>
    public static string Capped(string output, int maxChars) =>
        output.Length <= maxChars ? output : output[..maxChars] + $"\n… [output truncated: {output.Length - maxChars:N0} more characters not shown]";
}
