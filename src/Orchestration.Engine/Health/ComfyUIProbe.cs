using Orchestration.Core.Configuration;
using Orchestration.Engine.Models.Providers;

namespace Orchestration.Engine.Health;

/// <summary>comfyui_&lt;host&gt; for each configured ComfyUI host, probed with GET /system_stats.</summary>
internal sealed class ComfyUIProbe(ComfyUIOptions comfyui) : IServiceProbe, IDisposable
{
    private readonly HttpClient _http = ProviderHttp.Create(ProviderProbes.Timeout, null);

    public async Task<IReadOnlyList<ServiceStatus>> ProbeAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(comfyui.Hosts.Select(h => ProbeHostAsync(h.Key, h.Value, cancellationToken)));

    private async Task<ServiceStatus> ProbeHostAsync(string name, string url, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, object?> { ["host"] = name, ["url"] = url, ["default_checkpoint"] = comfyui.DefaultCheckpoint };
        string status;
        try
        {
            using var response = await _http.GetAsync(new Uri(new Uri(url.TrimEnd('/') + "/"), "system_stats"), cancellationToken);
            status = response.IsSuccessStatusCode ? ServiceStatus.Online : ServiceStatus.Degraded;
            if (!response.IsSuccessStatusCode)
            {
                details["error"] = $"HTTP {(int)response.StatusCode}";
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            (status, var error) = ProviderProbes.Classify(ex);
            details["error"] = error;
        }
        return new ServiceStatus("comfyui_" + name, $"ComfyUI ({name})", status, "GET /system_stats", details, "image");
    }

    public void Dispose() => _http.Dispose();
}
