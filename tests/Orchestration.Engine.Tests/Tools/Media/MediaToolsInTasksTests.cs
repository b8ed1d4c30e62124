using Microsoft.Extensions.AI;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tests.Execution;
using Orchestration.Engine.Tests.Intelligence;
using Orchestration.Engine.Tools.Media;

namespace Orchestration.Engine.Tests.Tools.Media;

/// <summary>local_llm and generate_image as tasks use them: offered by the executor, called through the tool loop.</summary>
public sealed class MediaToolsInTasksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_task_calling_local_llm_gets_its_answer_and_the_call_is_charged_to_the_project_owner()
    {
        await using var harness = await new EngineHarness { ConfigureServices = s => s.AddMediaTools() }.StartAsync();
        harness.Gateway.Handler = (r, _) => Task.FromResult(
            r.Tier == ModelTier.Ollama ? ScriptedGateway.Answer(r, "Hello, reader!")
            : r.Messages.Any(m => m.Role == ChatRole.Tool) ? ScriptedGateway.Answer(r, "Used the local draft.")
            : new ModelResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant,
                [new FunctionCallContent("call_1", "local_llm", new Dictionary<string, object?> { ["prompt"] = "Draft a greeting." })])),
                "simulated", "claude-haiku-4-5-20251001", 100, 50, 1_000, true));
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        await harness.SetTaskAsync(tasks[0], tools: ["local_llm"]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var local = Assert.Single(harness.Gateway.Requests, r => r.Tier == ModelTier.Ollama);
        Assert.Equal(new ModelCallContext(user, project, tasks[0], CallPurpose.Execution), local.Context);
        Assert.Equal("Draft a greeting.", Assert.Single(local.Messages).Text);
        Assert.Equal(["local_llm"], harness.Gateway.Requests[0].Options.Tools!.Select(t => t.Name));
        var result = harness.Gateway.Requests[^1].Messages[^1].Contents.OfType<FunctionResultContent>().Single();
        Assert.Equal("Hello, reader!", result.Result!.ToString());
        var call = events.Events.Single(e => e.Type == "tool_call");
        Assert.Equal(("local_llm", "true"), (call.Field("tool"), call.Field("ok")));
        Assert.Equal("Used the local draft.", (await harness.TaskAsync(tasks[0])).OutputText);
    }

    [Fact]
    public async Task An_offline_run_of_an_asset_task_generates_its_image_with_comfyui_into_the_workspace()
    {
        await using var comfy = await LoopbackComfyUI.StartAsync();
        await using var harness = await new EngineHarness(c =>
        {
            c.Providers.Default = "simulated";
            c.Simulated.LatencyMs = 0;
            c.Simulated.LatencyJitterMs = 0;
            c.Comfyui.Hosts = new() { ["local"] = comfy.Url };
            c.Comfyui.PollInterval = 0.01;
        }, realModels: true) { ConfigureServices = s => s.AddMediaTools() }.StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        await harness.SetTaskAsync(tasks[0], tools: ["generate_image"]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        Assert.Equal("t0", comfy.SubmittedWorkflow().GetProperty("6").GetProperty("inputs").GetProperty("text").GetString());
        var image = Path.Combine(harness.Config.Execution.WorkspaceRoot, project, "images", "t0.png");
        Assert.Equal(comfy.Png, await File.ReadAllBytesAsync(image, Ct));
        var task = await harness.TaskAsync(tasks[0]);
        Assert.Equal("completed", task.Status);
        Assert.Contains($"\"path\":\"images/t0.png\",\"bytes\":{comfy.Png.Length}", task.OutputArtifactsJson, StringComparison.Ordinal);
        Assert.Contains("Used the generate_image tool: Generated a 1024×1024 image", task.OutputText, StringComparison.Ordinal);
        Assert.Equal("true", events.Events.Single(e => e.Type == "tool_call").Field("ok"));
    }
}
