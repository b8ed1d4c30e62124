namespace Orchestration.Engine.Models.Providers.Ollama;

/// <summary>What the balancer knows of one Ollama host when it picks one.</summary>
/// <param name="Name">The host's key in <c>ollama.hosts</c>.</param>
/// <param name="InRotation">False after a failed request or health check, until the next successful health check.</param>
/// <param name="Models">The models of its last <c>GET /api/tags</c>; null before the first successful check.</param>
/// <param name="InFlight">Requests sent to it that have not ended yet.</param>
internal readonly record struct OllamaHostView(string Name, bool InRotation, IReadOnlySet<string>? Models, int InFlight);
