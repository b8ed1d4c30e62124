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
        var source = invocation.Workspace.Resolve(path, out var relative);
        if (FileKinds.Of(source) == FileKind.Missing)
        {
            throw new ToolException($"There is no file '{relative}' in the project workspace.");
        }
        var limit = execution.ToolMaxFileBytes;
        await using var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[(int)Math.Min(limit, stream.Length)];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (Array.IndexOf(buffer, (byte)0, 0, Math.Min(read, BinaryProbeBytes)) >= 0)
        {
            throw new ToolException($"'{relative}' is a binary file ({stream.Length:N0} bytes); read_file returns text only.");
        }
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return stream.Length > read
            ? text + $"\n\n[read_file: showing the first {read:N0} of {stream.Length:N0} bytes]"
            : text;
    }
}
