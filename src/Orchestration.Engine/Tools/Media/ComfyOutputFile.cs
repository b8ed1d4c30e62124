namespace Orchestration.Engine.Tools.Media;

/// <summary>An output file of a ComfyUI job as /history names it; /view serves it by these three values.</summary>
internal sealed record ComfyOutputFile(string Filename, string Subfolder, string Type);
