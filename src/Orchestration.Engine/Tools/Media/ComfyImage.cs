namespace Orchestration.Engine.Tools.Media;

/// <summary>A finished image: its PNG bytes, the ComfyUI host (config name) that made it, and the job's prompt id.</summary>
internal sealed record ComfyImage(byte[] Png, string Host, string PromptId);
