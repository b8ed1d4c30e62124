namespace Orchestration.Engine.Models.Providers.Ollama;

/// <summary>
/// Which Ollama host takes the next request for a model: among the hosts allowed for it (<c>ollama.model_hosts</c>,
/// else all) that have it, the one in rotation with the fewest requests in flight; ties go to the earlier host in
/// <c>ollama.hosts</c>. Pure, so the rule is tested without servers.
/// </summary>
internal static class OllamaHostChoice
{
    /// <summary>The index of the chosen host, or -1 when every allowed host has been tried already.</summary>
    /// <remarks>Two fallbacks keep a request from failing on stale knowledge: when no allowed host is known to have the
    /// model (lists not read yet, or pulled since), all allowed hosts qualify and the host's own answer says; when every
    /// qualifying untried host is out of rotation, they are tried anyway, as plain failover did.</remarks>
    public static int Choose(IReadOnlyList<OllamaHostView> hosts, string model, IReadOnlyCollection<string>? allowed, IReadOnlySet<int> tried)
    {
        var permitted = Enumerable.Range(0, hosts.Count).Where(i => allowed is null || allowed.Contains(hosts[i].Name)).ToList();
        var withModel = permitted.Where(i => hosts[i].Models is not { } models || Has(models, model)).ToList();
        var untried = (withModel.Count > 0 ? withModel : permitted).Where(i => !tried.Contains(i)).ToList();
        var inRotation = untried.Where(i => hosts[i].InRotation).ToList();
        var pool = inRotation.Count > 0 ? inRotation : untried;
        // MinBy keeps the first of equals, and the indexes are in config order: ties go to the earlier host.
        return pool.Count == 0 ? -1 : pool.MinBy(i => hosts[i].InFlight);
    }

    /// <summary>Ollama lists "llama3" as "llama3:latest"; a name without a tag means that one.</summary>
    public static bool Has(IReadOnlySet<string> models, string model) =>
        models.Contains(model) || (!model.Contains(':', StringComparison.Ordinal) && models.Contains(model + ":latest"));
}
