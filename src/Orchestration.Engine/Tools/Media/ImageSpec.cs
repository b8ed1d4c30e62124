namespace Orchestration.Engine.Tools.Media;

/// <summary>One text-to-image request, already checked against the tool's bounds.</summary>
internal sealed record ImageSpec(string Prompt, string NegativePrompt, int Width, int Height, int Steps, long Seed, string Checkpoint);
