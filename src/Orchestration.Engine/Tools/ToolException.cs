namespace Orchestration.Engine.Tools;

/// <summary>A tool call the tool refuses or cannot complete; the message is sent back to the model as the result.</summary>
public sealed class ToolException(string message) : Exception(message);
