using System.Text;
using System.Text.Json;
using Orchestration.Core.Configuration;
using Orchestration.Core.Planning;

namespace Orchestration.Engine.Tools.Media;

/// <summary>
/// generate_image: makes a PNG from a text prompt with ComfyUI (the standard text-to-image workflow on
/// comfyui.default_checkpoint) and saves it in the project workspace, where it becomes an output file of the task
/// like a write_file file.
/// </summary>
internal sealed class GenerateImageTool(ComfyUIOptions comfyui, ComfyUIClient comfy) : ITaskTool
{
    public const int MinSide = 64;
    public const int MaxSide = 2048;
    public const int DefaultSide = 1024;
    public const int DefaultSteps = 25;
    public const int MaxSteps = 100;
    public const int MaxPromptChars = 4000;

    /// <summary>The largest image saved. NOTE: not execution.tool_max_file_bytes, which caps text files (1 MiB by
    /// default) and would refuse most 1024×1024 PNGs.</summary>
    public const int MaxImageBytes = 32 * 1024 * 1024;

    private static readonly JsonElement Schema = JsonDocument.Parse(
        $$$"""
        {"type":"object","properties":{
          "prompt":{"type":"string","description":"What the image shows, in words"},
          "negative_prompt":{"type":"string","description":"What the image must not show"},
          "width":{"type":"integer","minimum":{{{MinSide}}},"maximum":{{{MaxSide}}},"multipleOf":8,"description":"Width in pixels (default {{{DefaultSide}}})"},
          "height":{"type":"integer","minimum":{{{MinSide}}},"maximum":{{{MaxSide}}},"multipleOf":8,"description":"Height in pixels (default {{{DefaultSide}}})"},
          "steps":{"type":"integer","minimum":1,"maximum":{{{MaxSteps}}},"description":"Sampling steps (default {{{DefaultSteps}}})"},
          "seed":{"type":"integer","minimum":0,"description":"Seed for a repeatable image (default: random)"},
          "filename":{"type":"string","description":"Where to save it in the workspace, a .png path (default images/<prompt words>.png)"}},
         "required":["prompt"],"additionalProperties":false}
        """).RootElement.Clone();

    public string Name => DefaultTools.GenerateImage;

    public string Description =>
        $"Generate a PNG image from a text prompt with ComfyUI ({comfyui.DefaultCheckpoint}) and save it in the project " +
        $"workspace. Takes up to {comfyui.Timeout:0} s.";

    public JsonElement ParametersSchema => Schema;

    public async Task<string> InvokeAsync(ToolInvocation invocation, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var spec = SpecOf(arguments);
        var filename = FilenameOf(ToolArguments.OptionalString(arguments, "filename"), spec.Prompt);
        // The path is checked before the (slow) generation, so a bad one costs nothing.
        invocation.Workspace.Resolve(filename, out _);
        var image = await comfy.GenerateAsync(ComfyUIWorkflow.Build(spec), MaxImageBytes, cancellationToken);
        var relative = await invocation.Workspace.WriteAsync(filename, image.Png, cancellationToken);
        invocation.RecordWrite(relative, image.Png.Length);
        return $"Generated a {spec.Width}×{spec.Height} image with {spec.Checkpoint} ({spec.Steps} steps, seed {spec.Seed}) and saved it " +
               $"as {relative} ({image.Png.Length:N0} bytes).";
    }

    private ImageSpec SpecOf(IReadOnlyDictionary<string, object?> arguments)
    {
        var prompt = ToolArguments.RequiredString(arguments, "prompt").Trim();
        if (prompt.Length == 0)
        {
            throw new ToolException("The 'prompt' argument must not be empty.");
        }
        var negative = ToolArguments.OptionalString(arguments, "negative_prompt")?.Trim() ?? "";
        if (prompt.Length + negative.Length > MaxPromptChars)
        {
            throw new ToolException($"The prompts are {prompt.Length + negative.Length:N0} characters; at most {MaxPromptChars:N0} are allowed.");
        }
        var steps = ToolArguments.OptionalInt(arguments, "steps") ?? DefaultSteps;
        if (steps is < 1 or > MaxSteps)
        {
            throw new ToolException($"'steps' must be between 1 and {MaxSteps} (got {steps}).");
        }
        var seed = ToolArguments.OptionalInt(arguments, "seed") ?? Random.Shared.Next();
        if (seed < 0)
        {
            throw new ToolException($"'seed' must be 0 or more (got {seed}).");
        }
        return new ImageSpec(prompt, negative, Side(arguments, "width"), Side(arguments, "height"), steps, seed, comfyui.DefaultCheckpoint);
    }

    private static int Side(IReadOnlyDictionary<string, object?> arguments, string name)
    {
        var value = ToolArguments.OptionalInt(arguments, name) ?? DefaultSide;
        if (value is < MinSide or > MaxSide)
        {
            throw new ToolException($"'{name}' must be between {MinSide} and {MaxSide} pixels (got {value}).");
        }
        return value % 8 == 0
            ? value
            : throw new ToolException($"'{name}' must be a multiple of 8 (got {value}; {value / 8 * 8} or {(value / 8 + 1) * 8} would do).");
    }

    /// <summary>The workspace path: the given one (".png" added when it has no extension), else images/&lt;slug&gt;.png.</summary>
    internal static string FilenameOf(string? requested, string prompt)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return $"images/{Slug(prompt)}.png";
        }
        var path = requested.Trim();
        var extension = Path.GetExtension(path);
        if (extension.Length == 0)
        {
            return path + ".png";
        }
        return extension.Equals(".png", StringComparison.OrdinalIgnoreCase)
            ? path
            : throw new ToolException($"'filename' must be a .png path (got '{requested}'); the image is saved as PNG.");
    }

    private static string Slug(string prompt)
    {
        var slug = new StringBuilder();
        foreach (var c in prompt.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
            if (slug.Length >= 48)
            {
                break;
            }
        }
        var text = slug.ToString().Trim('-');
        return text.Length > 0 ? text : "image";
    }
}
