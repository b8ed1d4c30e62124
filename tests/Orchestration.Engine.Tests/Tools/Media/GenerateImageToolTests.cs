using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Tools;
using Orchestration.Engine.Tools.Media;

namespace Orchestration.Engine.Tests.Tools.Media;

/// <summary>generate_image against a loopback ComfyUI: the workflow sent, the polling, the PNG saved as an artifact, and
/// every way it can go wrong coming back as a tool error.</summary>
public sealed class GenerateImageToolTests : IAsyncLifetime
{
    private readonly WorkspaceSandbox _sandbox = new();
    private LoopbackComfyUI _comfy = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _comfy = await LoopbackComfyUI.StartAsync();

    private static OrchestrationConfig Config(params (string Name, string Url)[] hosts)
    {
        var config = new OrchestrationConfig();
        config.Comfyui.Hosts = hosts.ToDictionary(h => h.Name, h => h.Url);
        config.Comfyui.PollInterval = 0.01;
        config.Comfyui.Timeout = 20;
        config.Comfyui.DefaultCheckpoint = "dreamshaper_8.safetensors";
        return config;
    }

    private async Task<string> GenerateAsync(OrchestrationConfig config, string json)
    {
        using var client = new ComfyUIClient(config.Comfyui, TimeProvider.System, NullLogger<ComfyUIClient>.Instance);
        var arguments = JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        return await new GenerateImageTool(config.Comfyui, client).InvokeAsync(_sandbox.Invocation, arguments, Ct);
    }

    private Task<string> GenerateAsync(string json) => GenerateAsync(Config(("local", _comfy.Url)), json);

    [Fact]
    public async Task Submits_the_text_to_image_workflow_polls_the_history_and_saves_the_png_as_an_artifact()
    {
        _comfy.PendingPolls = 2;

        var result = await GenerateAsync(
            """{"prompt":"a red fox in snow","negative_prompt":"blurry","width":512,"height":768,"steps":12,"seed":7,"filename":"art/fox.png"}""");

        var workflow = _comfy.SubmittedWorkflow();
        var classes = workflow.EnumerateObject().ToDictionary(n => n.Name, n => n.Value.GetProperty("class_type").GetString());
        Assert.Equal(["CheckpointLoaderSimple", "CLIPTextEncode", "CLIPTextEncode", "EmptyLatentImage", "KSampler", "SaveImage", "VAEDecode"],
            classes.Values.Order(StringComparer.OrdinalIgnoreCase));
        JsonElement Inputs(string node) => workflow.GetProperty(node).GetProperty("inputs");
        Assert.Equal("dreamshaper_8.safetensors", Inputs("4").GetProperty("ckpt_name").GetString());
        Assert.Equal(("a red fox in snow", "blurry"), (Inputs("6").GetProperty("text").GetString(), Inputs("7").GetProperty("text").GetString()));
        Assert.Equal((512, 768, 1), (Inputs("5").GetProperty("width").GetInt32(), Inputs("5").GetProperty("height").GetInt32(), Inputs("5").GetProperty("batch_size").GetInt32()));
        Assert.Equal((7L, 12), (Inputs("3").GetProperty("seed").GetInt64(), Inputs("3").GetProperty("steps").GetInt32()));
        Assert.Equal(["6", "7", "5", "4"], new[] { "positive", "negative", "latent_image", "model" }.Select(i => Inputs("3").GetProperty(i)[0].GetString()));
        Assert.Equal("8", Inputs("9").GetProperty("images")[0].GetString());
        Assert.StartsWith("orchestration-", Assert.Single(_comfy.Requests("/prompt")).Json.GetProperty("client_id").GetString(), StringComparison.Ordinal);

        Assert.Equal(3, _comfy.Requests($"/history/{LoopbackComfyUI.PromptId}").Count);
        Assert.Equal($"/view?filename={LoopbackComfyUI.OutputName}&subfolder=&type=output", Assert.Single(_comfy.Requests("/view")).Path);
        var saved = await File.ReadAllBytesAsync(Path.Combine(_sandbox.Workspace.Root, "art", "fox.png"), Ct);
        Assert.Equal(_comfy.Png, saved);
        Assert.Equal((16, 8), TestPng.SizeOf(saved));
        var artifact = Assert.Single(_sandbox.Invocation.Artifacts);
        Assert.Equal(("art/fox.png", (long)_comfy.Png.Length), (artifact.Path, artifact.Bytes));
        Assert.Equal($"Generated a 512×768 image with dreamshaper_8.safetensors (12 steps, seed 7) and saved it as art/fox.png ({_comfy.Png.Length:N0} bytes).", result);
    }

    [Fact]
    public async Task Without_options_it_makes_a_1024_square_named_after_the_prompt()
    {
        var result = await GenerateAsync("""{"prompt":"  Logo: a Blue Whale, flat style! "}""");

        var latent = _comfy.SubmittedWorkflow().GetProperty("5").GetProperty("inputs");
        Assert.Equal((1024, 1024), (latent.GetProperty("width").GetInt32(), latent.GetProperty("height").GetInt32()));
        Assert.Equal("", _comfy.SubmittedWorkflow().GetProperty("7").GetProperty("inputs").GetProperty("text").GetString());
        Assert.Equal(25, _comfy.SubmittedWorkflow().GetProperty("3").GetProperty("inputs").GetProperty("steps").GetInt32());
        Assert.Equal("images/logo-a-blue-whale-flat-style.png", Assert.Single(_sandbox.Invocation.Artifacts).Path);
        Assert.True(File.Exists(Path.Combine(_sandbox.Workspace.Root, "images", "logo-a-blue-whale-flat-style.png")));
        Assert.Contains("saved it as images/logo-a-blue-whale-flat-style.png", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_errors_in_the_prompt_reply_are_a_tool_error_naming_the_node_and_nothing_is_saved()
    {
        _comfy.Refusal = (400,
            """
            {"error":{"type":"prompt_outputs_failed_validation","message":"Prompt outputs failed validation","details":"","extra_info":{}},
             "node_errors":{"4":{"errors":[{"type":"value_not_in_list","message":"Value not in list","details":"ckpt_name: 'dreamshaper_8.safetensors' not in ['sd_xl_base_1.0.safetensors']","extra_info":{}}],
                                 "dependent_outputs":["9"],"class_type":"CheckpointLoaderSimple"}}}
            """);

        var error = await Assert.ThrowsAsync<ToolException>(() => GenerateAsync("""{"prompt":"a fox"}"""));

        Assert.Equal("ComfyUI (local) refused the workflow: Prompt outputs failed validation. CheckpointLoaderSimple (node 4): Value not in list: " +
                     "ckpt_name: 'dreamshaper_8.safetensors' not in ['sd_xl_base_1.0.safetensors']. The checkpoint is set by comfyui.default_checkpoint.",
            error.Message);
        Assert.Empty(_comfy.Requests("/history"));
        Assert.Empty(_sandbox.Invocation.Artifacts);
        Assert.False(Directory.Exists(Path.Combine(_sandbox.Workspace.Root, "images")));
    }

    [Fact]
    public async Task An_http_error_without_a_comfyui_explanation_is_a_tool_error_with_the_status()
    {
        _comfy.Refusal = (502, "Bad gateway\nupstream down");

        var error = await Assert.ThrowsAsync<ToolException>(() => GenerateAsync("""{"prompt":"a fox"}"""));

        Assert.Equal("ComfyUI (local) answered HTTP 502 to POST /prompt: Bad gateway upstream down", error.Message);
        Assert.Empty(_sandbox.Invocation.Artifacts);
    }

    [Fact]
    public async Task A_job_that_does_not_finish_in_time_is_a_tool_error_and_is_dropped_from_the_queue()
    {
        _comfy.NeverFinishes = true;
        var config = Config(("local", _comfy.Url));
        config.Comfyui.Timeout = 0.3;

        var error = await Assert.ThrowsAsync<ToolException>(() => GenerateAsync(config, """{"prompt":"a fox"}"""));

        Assert.StartsWith("ComfyUI (local) did not finish the image within 0.3 s (comfyui.timeout)", error.Message, StringComparison.Ordinal);
        Assert.True(_comfy.Polls >= 2);
        var drop = Assert.Single(_comfy.Requests("/queue"));
        Assert.Equal(LoopbackComfyUI.PromptId, drop.Json.GetProperty("delete")[0].GetString());
        Assert.Empty(_sandbox.Invocation.Artifacts);
    }

    [Fact]
    public async Task A_job_that_fails_in_comfyui_reports_its_execution_error()
    {
        _comfy.History =
            """
            {"prompt":[3,"x",{},{},["9"]],"outputs":{},
             "status":{"status_str":"error","completed":false,"messages":[["execution_start",{"timestamp":1}],
               ["execution_error",{"prompt_id":"x","node_id":"3","node_type":"KSampler","exception_message":"CUDA out of memory. Tried to allocate 2.00 GiB\n","exception_type":"torch.OutOfMemoryError","traceback":[]}]]}}
            """;

        var error = await Assert.ThrowsAsync<ToolException>(() => GenerateAsync("""{"prompt":"a fox"}"""));

        Assert.Equal("ComfyUI failed while making the image: KSampler (node 3): CUDA out of memory. Tried to allocate 2.00 GiB", error.Message);
        Assert.Empty(_comfy.Requests("/view"));
    }

    [Theory]
    [InlineData("../outside.png", "uses '..'")]
    [InlineData("/tmp/fox.png", "is an absolute path")]
    [InlineData("link-out/fox.png", "leads outside the project workspace")]
    [InlineData("notes/fox.jpg", "must be a .png path")]
    public async Task Filenames_outside_the_workspace_or_not_png_are_refused_before_comfyui_is_called(string filename, string expected)
    {
        _sandbox.PlantHostileEntries();

        var error = await Assert.ThrowsAsync<ToolException>(() => GenerateAsync($$"""{"prompt":"a fox","filename":{{JsonSerializer.Serialize(filename)}}}"""));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(_comfy.Server.Requests);
        Assert.DoesNotContain(_sandbox.FilesOutsideTheWorkspace().Keys, k => k.EndsWith(".png", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"prompt":"a fox","width":1001}""", "'width' must be a multiple of 8 (got 1001; 1000 or 1008 would do).")]
    [InlineData("""{"prompt":"a fox","height":4096}""", "'height' must be between 64 and 2048 pixels (got 4096).")]
    [InlineData("""{"prompt":"a fox","steps":0}""", "'steps' must be between 1 and 100 (got 0).")]
    [InlineData("""{"prompt":"a fox","seed":-1}""", "'seed' must be 0 or more (got -1).")]
    [InlineData("""{"prompt":"   "}""", "The 'prompt' argument must not be empty.")]
    [InlineData("""{"width":512}""", "The 'prompt' argument is required (a string).")]
    public async Task Out_of_bounds_arguments_are_tool_errors(string json, string expected)
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => GenerateAsync(json));

        Assert.Equal(expected, error.Message);
        Assert.Empty(_comfy.Server.Requests);
    }

    [Fact]
    public async Task An_unreachable_host_hands_the_job_to_the_next_and_none_reachable_is_a_tool_error()
    {
        var result = await GenerateAsync(Config(("dead", "http://127.0.0.1:1"), ("live", _comfy.Url)), """{"prompt":"a fox"}""");
        var error = await Assert.ThrowsAsync<ToolException>(() => GenerateAsync(Config(("dead", "http://127.0.0.1:1")), """{"prompt":"a fox"}"""));

        Assert.StartsWith("Generated a 1024×1024 image", result, StringComparison.Ordinal);
        Assert.StartsWith("ComfyUI could not be reached (dead at http://127.0.0.1:1):", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Is it running? (comfyui.hosts)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_view_answer_that_is_not_a_png_is_a_tool_error()
    {
        _comfy.Png = "<html>not found</html>"u8.ToArray();

        var error = await Assert.ThrowsAsync<ToolException>(() => GenerateAsync("""{"prompt":"a fox"}"""));

        Assert.Equal($"ComfyUI's /view answer for {LoopbackComfyUI.OutputName} is not a PNG image (22 bytes).", error.Message);
        Assert.Empty(_sandbox.Invocation.Artifacts);
    }

    public async ValueTask DisposeAsync()
    {
        await _comfy.DisposeAsync();
        _sandbox.Dispose();
    }
}
