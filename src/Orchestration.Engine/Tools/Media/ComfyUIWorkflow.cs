using System.Text.Json.Nodes;

namespace Orchestration.Engine.Tools.Media;

/// <summary>
/// The standard text-to-image graph in ComfyUI's API format (node id → class_type and inputs; a link is
/// [node id, output index]): CheckpointLoaderSimple → CLIPTextEncode ×2 → EmptyLatentImage → KSampler → VAEDecode
/// → SaveImage. The node ids are those of ComfyUI's own default workflow.
/// </summary>
internal static class ComfyUIWorkflow
{
    public const string SaveImageNode = "9";
    public const double Cfg = 7.0;
    public const string Sampler = "euler";
    public const string Scheduler = "normal";
    public const string FilenamePrefix = "orchestration";

    public static JsonObject Build(ImageSpec spec) => new()
    {
        ["3"] = Node("KSampler", new JsonObject
        {
            ["seed"] = spec.Seed,
            ["steps"] = spec.Steps,
            ["cfg"] = Cfg,
            ["sampler_name"] = Sampler,
            ["scheduler"] = Scheduler,
            ["denoise"] = 1.0,
            ["model"] = Link("4", 0),
            ["positive"] = Link("6", 0),
            ["negative"] = Link("7", 0),
            ["latent_image"] = Link("5", 0),
        }),
        ["4"] = Node("CheckpointLoaderSimple", new JsonObject { ["ckpt_name"] = spec.Checkpoint }),
        ["5"] = Node("EmptyLatentImage", new JsonObject { ["width"] = spec.Width, ["height"] = spec.Height, ["batch_size"] = 1 }),
        ["6"] = Node("CLIPTextEncode", new JsonObject { ["text"] = spec.Prompt, ["clip"] = Link("4", 1) }),
        ["7"] = Node("CLIPTextEncode", new JsonObject { ["text"] = spec.NegativePrompt, ["clip"] = Link("4", 1) }),
        ["8"] = Node("VAEDecode", new JsonObject { ["samples"] = Link("3", 0), ["vae"] = Link("4", 2) }),
        [SaveImageNode] = Node("SaveImage", new JsonObject { ["filename_prefix"] = FilenamePrefix, ["images"] = Link("8", 0) }),
    };

    private static JsonObject Node(string classType, JsonObject inputs) => new() { ["class_type"] = classType, ["inputs"] = inputs };

    private static JsonArray Link(string node, int output) => [node, output];
}
