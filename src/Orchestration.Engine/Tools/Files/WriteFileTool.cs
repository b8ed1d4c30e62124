using System.Text;
using System.Text.Json;
using Orchestration.Core.Configuration;
using Orchestration.Core.Planning;

namespace Orchestration.Engine.Tools.Files;

/// <summary>write_file: creates or replaces a text file in the project workspace (at most execution.tool_max_file_bytes).</summary>
internal sealed class WriteFileTool(ExecutionOptions execution) : ITaskTool
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        """
        {"type":"object","properties":{
          "path":{"type":"string","description":"File path relative to the project workspace, e.g. src/app.py"},
          "content":{"type":"string","description":"The complete new content of the file (UTF-8 text)"}},
         "required":["path","content"],"additionalProperties":false}
        """).RootElement.Clone();

    public string Name => DefaultTools.WriteFile;

    public string Description =>
        $"Create or replace a text file in the project workspace (shared by the project's tasks). Paths are relative to the " +
        $"workspace; at most {execution.ToolMaxFileBytes:N0} bytes per file.";

    public JsonElement ParametersSchema => Schema;

    public async Task<string> InvokeAsync(ToolInvocation invocation, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var path = ToolArguments.RequiredString(arguments, "path");
        var content = ToolArguments.OptionalString(arguments, "content")
                      ?? throw new ToolException("The 'content' argument is required (a string; it may be empty).");
        var bytes = Encoding.UTF8.GetBytes(content);
        var limit = execution.ToolMaxFileBytes;
        if (bytes.Length > limit)
        {
            throw new ToolException($"The content is {bytes.Length:N0} bytes; write_file writes at most {limit:N0} bytes per file " +
                                    "(execution.tool_max_file_bytes). Split it into several files.");
        }
        var relative = await invocation.Workspace.WriteAsync(path, bytes, cancellationToken);
        invocation.RecordWrite(relative, bytes.Length);
        return $"Wrote {bytes.Length:N0} bytes to {relative}.";
    }
}
