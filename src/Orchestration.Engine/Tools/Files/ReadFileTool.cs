using System.Text;
using System.Text.Json;
using Orchestration.Core.Configuration;
using Orchestration.Core.Planning;

namespace Orchestration.Engine.Tools.Files;

/// <summary>read_file: returns a text file of the project workspace (the first execution.tool_max_file_bytes of it).</summary>
internal sealed class ReadFileTool(ExecutionOptions execution) : ITaskTool
{
    private const int BinaryProbeBytes = 8192;

    private static readonly JsonElement Schema = JsonDocument.Parse(
        """
        {"type":"object","properties":{
          "path":{"type":"string","description":"File path relative to the project workspace, e.g. src/app.py"}},
         "required":["path"],"additionalProperties":false}
        """).RootElement.Clone();

    public string Name => DefaultTools.ReadFile;

    public string Description => "Read a text file from the project workspace (where earlier tasks of the project wrote their files). " +
                                 "Paths are relative to the workspace.";

    public JsonElement ParametersSchema => Schema;

    public async Task<string> InvokeAsync(ToolInvocation invocation, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var path = ToolArguments.RequiredString(arguments, "path");
        using var file = invocation.Workspace.OpenRead(path, out var relative);
        var limit = execution.ToolMaxFileBytes;
        var length = RandomAccess.GetLength(file);
        var buffer = new byte[(int)Math.Min(limit, length)];
        var read = 0;
        while (read < buffer.Length)
        {
            var got = await RandomAccess.ReadAsync(file, buffer.AsMemory(read), read, cancellationToken);
            if (got == 0)
            {
                break;
            }
            read += got;
        }
        if (Array.IndexOf(buffer, (byte)0, 0, Math.Min(read, BinaryProbeBytes)) >= 0)
        {
            throw new ToolException($"'{relative}' is a binary file ({length:N0} bytes); read_file returns text only.");
        }
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return length > read
            ? text + $"\n\n[read_file: showing the first {read:N0} of {length:N0} bytes]"
            : text;
    }
}
