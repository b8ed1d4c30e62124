namespace Orchestration.Engine.Models;

/// <summary>
/// Keys of <c>ChatOptions.AdditionalProperties</c> that carry orchestration facts through the provider pipeline.
/// The gateway sets <see cref="Purpose"/>; callers may set <see cref="Rigor"/>. None of them is sent to a real provider.
/// </summary>
public static class ModelOptionKeys
{
    /// <summary>planning | execution | verification | knowledge | embedding (set by the gateway from the call context).</summary>
    public const string Purpose = "orch.purpose";

    /// <summary>Planning rigor: "L1" | "L2" | "L3" (set by the planner).</summary>
    public const string Rigor = "orch.rigor";

    /// <summary>The gateway's per-call scope (internal).</summary>
    internal const string Call = "orch.call";

    public const string Prefix = "orch.";
}
