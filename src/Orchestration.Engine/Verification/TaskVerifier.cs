using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;

namespace Orchestration.Engine.Verification;

/// <summary>
/// Checks a task's output with execution.verification_model (purpose verification; the output is capped at
/// execution.verification_output_max_chars). The answer is JSON <c>{verdict: passed|gaps_found|human_needed, notes}</c>;
/// an answer that cannot be read counts as human_needed. When the budget refuses the call or the call fails, the result
/// is <c>skipped</c> with the reason; verification never fails a task by itself.
/// </summary>
internal sealed partial class TaskVerifier(IModelGateway gateway, ExecutionOptions execution, ILogger<TaskVerifier> logger)
{
    public const string Instructions =
        "You verify the output of one task of a larger project. Judge only whether the output does what the task asks and meets " +
        "its done-when criteria. Answer with one JSON object and nothing else: {\"verdict\": \"passed\" | \"gaps_found\" | " +
        "\"human_needed\", \"notes\": \"...\"}. passed: complete and correct. gaps_found: specific, fixable gaps; list each in " +
        "notes so that another attempt can fix them. human_needed: it depends on a judgement, secret or decision only a person " +
        "can give; say what in notes.";

    public async Task<VerificationResult> VerifyAsync(ModelCallContext call, TaskBrief task, string output, CancellationToken cancellationToken)
    {
        var options = execution;
        var prompt = $"{task.Describe()}\n## Output to verify\n{TaskBrief.Capped(output, options.VerificationOutputMaxChars)}";
        ModelResponse response;
        try
        {
            response = await gateway.CompleteAsync(new ModelRequest(call with { Purpose = CallPurpose.Verification }, null,
                options.VerificationModel, [new(ChatRole.System, Instructions), new(ChatRole.User, prompt)],
                new ChatOptions { MaxOutputTokens = options.VerificationMaxTokens }), cancellationToken);
        }
        catch (BudgetExceededException ex)
        {
            return new VerificationResult(VerificationStatus.Skipped, $"Not verified: the {ex.Scope} budget could not cover the verification call.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogVerifierFailed(logger, call.TaskId, ex);
            var reason = ex is ModelProviderException ? ex.Message : ex.GetType().Name;
            return new VerificationResult(VerificationStatus.Skipped, $"Not verified: the verification call failed ({reason}).");
        }
        return Parse(response.Response.Text);
    }

    public static VerificationResult Parse(string? answer)
    {
        if (JsonAnswer.Object(answer) is not { } json || JsonAnswer.String(json, "verdict") is not { } verdict)
        {
            return new VerificationResult(VerificationStatus.HumanNeeded,
                "The verifier's answer could not be read as {verdict, notes}; a person should check the output.");
        }
        var notes = JsonAnswer.String(json, "notes")?.Trim() ?? "";
        return verdict.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_') switch
        {
            "passed" or "pass" => new VerificationResult(VerificationStatus.Passed, notes),
            "gaps_found" or "gaps" => new VerificationResult(VerificationStatus.GapsFound,
                notes.Length > 0 ? notes : "The verifier found gaps but did not name them; check the output against the task."),
            "human_needed" => new VerificationResult(VerificationStatus.HumanNeeded, notes),
            _ => new VerificationResult(VerificationStatus.HumanNeeded, $"The verifier answered an unknown verdict '{verdict}'. {notes}".Trim()),
        };
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Warning, Message = "Verification of task {TaskId} failed; the task is recorded as not verified")]
    private static partial void LogVerifierFailed(ILogger logger, string? taskId, Exception exception);
}
