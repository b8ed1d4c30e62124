namespace Orchestration.Engine.Models;

/// <summary>Names for OpenTelemetry: the activity source and meter of the model calls' GenAI spans and metrics
/// (the server adds them with <c>AddSource</c>/<c>AddMeter</c>).</summary>
public static class ModelTelemetry
{
    public const string SourceName = "Orchestration.Models";
}
