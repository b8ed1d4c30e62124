using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models.Providers;

namespace Orchestration.Engine.Tools.Media;

/// <summary>
/// Runs one workflow on ComfyUI (comfyui.hosts): POST /prompt, poll GET /history/{prompt_id} every
/// comfyui.poll_interval seconds until the image is listed, then GET /view. The whole job has comfyui.timeout
/// seconds. Hosts are tried in order for the submission; the host that took the job serves the rest.
/// Every failure is a <see cref="ToolException"/> whose message says what ComfyUI answered.
/// </summary>
internal sealed partial class ComfyUIClient(ComfyUIOptions options, TimeProvider time, ILogger<ComfyUIClient> logger) : IDisposable
{
    private static readonly TimeSpan DropTimeout = TimeSpan.FromSeconds(5);

    // NOTE: no per-request timeout; the job's deadline (comfyui.timeout) bounds every request.
    private readonly HttpClient _http = ProviderHttp.Create(Timeout.InfiniteTimeSpan);

    /// <summary>Makes the image of <paramref name="workflow"/> and returns its PNG (at most <paramref name="maxBytes"/>).</summary>
    public async Task<ComfyImage> GenerateAsync(JsonObject workflow, int maxBytes, CancellationToken cancellationToken)
    {
        if (options.Hosts.Count == 0)
        {
            throw new ToolException("No ComfyUI host is configured (comfyui.hosts), so images cannot be generated here.");
        }
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.Timeout), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = time.GetTimestamp();
        Job? job = null;
        try
        {
            job = await SubmitAsync(workflow, linked.Token);
            var file = await WaitAsync(job, linked.Token);
            var png = await DownloadAsync(job, file, maxBytes, linked.Token);
            MediaToolLogs.ComfyImageMade(logger, job.Host, job.PromptId, png.Length, time.GetElapsedTime(started).TotalMilliseconds);
            return new ComfyImage(png, job.Host, job.PromptId);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (job is null)
            {
                throw new ToolException($"ComfyUI did not accept the workflow within {options.Timeout:0.###} s (comfyui.timeout).");
            }
            await DropAsync(job, cancellationToken);
            MediaToolLogs.ComfyTimedOut(logger, job.Host, job.PromptId, options.Timeout);
            throw new ToolException($"ComfyUI ({job.Host}) did not finish the image within {options.Timeout:0.###} s (comfyui.timeout); " +
                                    "the job was dropped from its queue. Try a smaller size or fewer steps.");
        }
        catch (ToolException ex) when (job is not null)
        {
            MediaToolLogs.ComfyFailed(logger, job.Host, job.PromptId, ex.Message);
            throw;
        }
    }

    private async Task<Job> SubmitAsync(JsonObject workflow, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["prompt"] = workflow.DeepClone(), ["client_id"] = "orchestration-" + Ids.New() }.ToJsonString();
        var hosts = options.Hosts.ToList();
        for (var i = 0; ; i++)
        {
            var (name, url) = hosts[i];
            var baseUri = BaseOf(name, url);
            HttpResponseMessage response;
            try
            {
                response = await _http.PostAsync(new Uri(baseUri, "prompt"), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
            }
            catch (HttpRequestException ex) when (i < hosts.Count - 1)
            {
                MediaToolLogs.ComfyHostDown(logger, name, ex);
                continue;
            }
            catch (HttpRequestException ex)
            {
                var tried = string.Join(", ", hosts.Select(h => $"{h.Key} at {h.Value}"));
                throw new ToolException($"ComfyUI could not be reached ({tried}): {ex.Message} Is it running? (comfyui.hosts)");
            }
            using (response)
            {
                var reply = await ReadJsonAsync(response, name, "POST /prompt", acceptErrorBody: true, cancellationToken);
                return new Job(name, baseUri, ComfyUIAnswers.PromptId(reply, name));
            }
        }
    }

    private async Task<ComfyOutputFile> WaitAsync(Job job, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(options.PollInterval);
        var history = new Uri(job.BaseUri, "history/" + Uri.EscapeDataString(job.PromptId));
        while (true)
        {
            var entry = await GetJsonAsync(job.Host, history, "GET /history", cancellationToken);
            if (ComfyUIAnswers.FinishedImage(entry, job.PromptId, ComfyUIWorkflow.SaveImageNode) is { } file)
            {
                return file;
            }
            await Task.Delay(interval, time, cancellationToken);
        }
    }

    /// <summary>Best effort: asks ComfyUI to drop a job that ran out of time, so it does not hold the queue for nothing.</summary>
    private async Task DropAsync(Job job, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(DropTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var body = new JsonObject { ["delete"] = new JsonArray(job.PromptId) }.ToJsonString();
        try
        {
            using var _ = await _http.PostAsync(new Uri(job.BaseUri, "queue"), new StringContent(body, Encoding.UTF8, "application/json"), linked.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // The job times out anyway; ComfyUI finishing it later costs only its own time.
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed record Job(string Host, Uri BaseUri, string PromptId);
}
