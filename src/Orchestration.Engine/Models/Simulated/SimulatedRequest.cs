using Microsoft.Extensions.AI;
using Orchestration.Engine.Models.Pipeline;

namespace Orchestration.Engine.Models.Simulated;

/// <summary>What the simulated provider reads from a request: purpose, rigor, the last user message and its markers,
/// and the identity (task, else project, else text) that "first time" markers are remembered by.</summary>
internal sealed record SimulatedRequest(
    string Purpose, string Rigor, string LastUserText, IReadOnlySet<string> Markers, string Identity, string CallId,
    IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
{
    public bool Has(string marker) => Markers.Contains(marker);

    public static SimulatedRequest From(IReadOnlyList<ChatMessage> messages, ChatOptions? options, int seed)
    {
        var lastUser = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var purpose = Property(options, ModelOptionKeys.Purpose) ?? "";
        var rigor = Property(options, ModelOptionKeys.Rigor) is { } r && r is "L1" or "L2" or "L3" ? r : "L2";
        var scope = ModelCallScope.Find(options);
        var identity = scope?.Context.TaskId ?? scope?.Context.ProjectId ?? StableRandom.Hash(seed, lastUser).ToString("x16");
        var callId = scope?.CallId ?? Guid.NewGuid().ToString("N");
        return new SimulatedRequest(purpose, rigor, lastUser, SimulatedMarkers.Find(lastUser), identity, callId, messages, options);
    }

    private static string? Property(ChatOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out var value) == true ? value?.ToString() : null;
}
