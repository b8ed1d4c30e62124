using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Tools.Media;

/// <summary>
/// A ComfyUI speaking its real HTTP API on a loopback Kestrel: POST /prompt answers a prompt_id (or the refusal set
/// in <see cref="Refusal"/>), GET /history/{id} answers {} for <see cref="PendingPolls"/> polls and then the finished
/// entry (or <see cref="History"/>), GET /view serves <see cref="Png"/>, POST /queue accepts deletions.
/// </summary>
internal sealed class LoopbackComfyUI : IAsyncDisposable
{
    public const string PromptId = "6f0c2c55-1d34-4a5b-9d6a-2a7f1c0e9b11";
    public const string OutputName = "orchestration_00001_.png";

    private int _polls;

    private LoopbackComfyUI(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; }
    public string Url => Server.BaseUrl;
    public byte[] Png { get; set; } = TestPng.Solid(16, 8, 200, 40, 40);
    public int PendingPolls { get; set; } = 1;
    /// <summary>When set, POST /prompt answers this status and body instead of a prompt_id.</summary>
    public (int Status, string Body)? Refusal { get; set; }
    /// <summary>When set, the finished /history entry is this JSON (the value under the prompt id); null: a success.</summary>
    public string? History { get; set; }
    public bool NeverFinishes { get; set; }
    public int Polls => Volatile.Read(ref _polls);

    public static async Task<LoopbackComfyUI> StartAsync()
    {
        LoopbackComfyUI? comfy = null;
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/prompt", (HttpContext c) => comfy!.Refusal is { } refusal
                ? LoopbackServer.WriteJsonAsync(c, refusal.Status, refusal.Body)
                : LoopbackServer.WriteJsonAsync(c, 200, $"{{\"prompt_id\":\"{PromptId}\",\"number\":3,\"node_errors\":{{}}}}"));
            app.MapGet("/history/{id}", (HttpContext c, string id) =>
            {
                var poll = Interlocked.Increment(ref comfy!._polls);
                return LoopbackServer.WriteJsonAsync(c, 200, comfy.NeverFinishes || poll <= comfy.PendingPolls || id != PromptId
                    ? "{}"
                    : "{\"" + PromptId + "\":" + (comfy.History ?? Finished) + "}");
            });
            app.MapGet("/view", async (HttpContext c) =>
            {
                c.Response.ContentType = "image/png";
                await c.Response.Body.WriteAsync(comfy!.Png, c.RequestAborted);
            });
            app.MapPost("/queue", (HttpContext c) => LoopbackServer.WriteJsonAsync(c, 200, "{}"));
        });
        comfy = new LoopbackComfyUI(server);
        return comfy;
    }

    /// <summary>ComfyUI's history entry of a finished text-to-image job (the image listed under the SaveImage node).</summary>
    private static readonly string Finished =
        """
        {"prompt":[3,"@ID",{},{},["9"]],
         "outputs":{"9":{"images":[{"filename":"@FILE","subfolder":"","type":"output"}]}},
         "status":{"status_str":"success","completed":true,"messages":[["execution_start",{"prompt_id":"@ID","timestamp":1}],["execution_success",{"prompt_id":"@ID","timestamp":2}]]},
         "meta":{"9":{"node_id":"9","display_node":"9","parent_node":null,"real_node_id":"9"}}}
        """.Replace("@ID", PromptId, StringComparison.Ordinal).Replace("@FILE", OutputName, StringComparison.Ordinal);

    /// <summary>The workflow of the one POST /prompt received.</summary>
    public JsonElement SubmittedWorkflow() => Assert.Single(Server.Requests, r => r.Path == "/prompt").Json.GetProperty("prompt");

    public IReadOnlyList<RecordedRequest> Requests(string pathStart) =>
        Server.Requests.Where(r => r.Path.StartsWith(pathStart, StringComparison.Ordinal)).ToList();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
