using Microsoft.Extensions.AI;
using Orchestration.Core.Domain;
using Orchestration.Core.Routing;

namespace Orchestration.Engine.Models.Simulated;

internal sealed partial class SimulatedChatClient
{
    private static readonly string Planning = CallPurpose.Planning.ToWire();
    private static readonly string Execution = CallPurpose.Execution.ToWire();
    private static readonly string Verification = CallPurpose.Verification.ToWire();
    private static readonly string Knowledge = CallPurpose.Knowledge.ToWire();

    /// <summary>Throws the injected failures; returns true when the answer should be malformed instead.</summary>
    private bool InjectFailure(SimulatedRequest request, Random rng)
    {
        if (request.Purpose == Execution && request.Has(SimulatedMarkers.Fail))
        {
            throw Overloaded("[sim:fail]");
        }
        if (request.Purpose == Execution && request.Has(SimulatedMarkers.FailOnce) && IsFirstCall(request, SimulatedMarkers.FailOnce))
        {
            throw Overloaded("[sim:fail-once]");
        }
        if (options.FailureRate <= 0 || rng.NextDouble() >= options.FailureRate)
        {
            return false;
        }
        switch (rng.Next(4))
        {
            case 0:
                ModelLogs.SimulatedFailure(logger, "rate_limit");
                throw new ModelProviderException(ProviderNames.Simulated, "Simulated provider rate limited the call (429, injected by failure_rate).",
                    isTransient: true, statusCode: 429, retryAfter: TimeSpan.FromMilliseconds(options.LatencyMs));
            case 1:
                ModelLogs.SimulatedFailure(logger, "overloaded");
                throw Overloaded("failure_rate");
            case 2:
                ModelLogs.SimulatedFailure(logger, "timeout");
                throw new ModelProviderException(ProviderNames.Simulated, "Simulated provider timed out (injected by failure_rate).", isTransient: true);
            default:
                ModelLogs.SimulatedFailure(logger, "malformed");
                return true;
        }
    }

    private static ModelProviderException Overloaded(string cause) =>
        new(ProviderNames.Simulated, $"Simulated provider is overloaded (529, injected by {cause}).", isTransient: true, statusCode: 529);

    private ChatMessage Answer(SimulatedRequest request, Random rng, bool malformed)
    {
        var title = SimulatedAnswers.TitleOf(request.LastUserText);
        if (malformed)
        {
            return new ChatMessage(ChatRole.Assistant, SimulatedAnswers.Malformed(request.Purpose));
        }
        if (request.Purpose == Planning)
        {
            var requirements = SimulatedRequirements.Parse(request.LastUserText);
            return new ChatMessage(ChatRole.Assistant,
                request.Has(SimulatedMarkers.BadJson) && IsFirstCall(request, SimulatedMarkers.BadJson)
                    ? SimulatedPlanWriter.ProseOnly(requirements)
                    : SimulatedPlanWriter.Answer(requirements, request.Rigor, options.Seed));
        }
        if (request.Purpose == Verification)
        {
            if (request.Has(SimulatedMarkers.BadJson))
            {
                return new ChatMessage(ChatRole.Assistant, SimulatedAnswers.Malformed(request.Purpose));
            }
            var verdict = request.Has(SimulatedMarkers.Human) ? "human_needed"
                : request.Has(SimulatedMarkers.GapsAlways) ? "gaps_found"
                : request.Has(SimulatedMarkers.Gaps) && IsFirstCall(request, SimulatedMarkers.Gaps) ? "gaps_found"
                : "passed";
            return new ChatMessage(ChatRole.Assistant, SimulatedAnswers.Verification(verdict, title));
        }
        if (request.Purpose == Knowledge)
        {
            return new ChatMessage(ChatRole.Assistant, request.Has(SimulatedMarkers.BadJson)
                ? SimulatedAnswers.Malformed(request.Purpose)
                : SimulatedMarkers.Findings(request.LastUserText) is { Count: > 0 } chosen
                    ? SimulatedAnswers.Knowledge(chosen)
                    : SimulatedAnswers.Knowledge(title, rng));
        }
        if (request.Purpose == Execution)
        {
            return ExecutionAnswer(request, title, rng);
        }
        return new ChatMessage(ChatRole.Assistant, $"Simulated answer about \"{title}\".");
    }

    /// <summary>With tools offered and no tool result yet: call the first tool. Otherwise the final text.</summary>
    private static ChatMessage ExecutionAnswer(SimulatedRequest request, string title, Random rng)
    {
        var results = request.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        var tool = request.Options?.Tools?.OfType<AIFunctionDeclaration>().FirstOrDefault();
        if (tool is not null && results.Count == 0)
        {
            var callId = "call_sim_" + rng.Next(100_000, 999_999);
            return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, tool.Name, SimulatedAnswers.ArgumentsFor(tool.JsonSchema, title))]);
        }
        string? toolSummary = null;
        if (results.Count > 0)
        {
            var calls = request.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().DistinctBy(c => c.CallId).ToDictionary(c => c.CallId, c => c.Name);
            var last = results[^1];
            var text = last.Result?.ToString() ?? "";
            toolSummary = $"Used the {calls.GetValueOrDefault(last.CallId, "requested")} tool: {(text.Length > 200 ? text[..200] + "…" : text)}";
        }
        return new ChatMessage(ChatRole.Assistant, SimulatedAnswers.Execution(title, rng, toolSummary));
    }
}
