using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Orchestration.Server.Mcp;

/// <summary>
/// A call-tool filter that makes every refusal an ordinary tool error an agent can act on: missing or mistyped
/// arguments (the SDK alone answers them with a generic "An error occurred invoking 'x'", which does not say which
/// argument was wrong), and the tools' own refusals (<see cref="McpException"/>: an unknown task, a stale attempt).
/// NOTE: a refusal is answered here as an error result, so it never reaches the SDK as an exception, which it would log
/// as an unhandled error with a stack trace, once per call any signed-in user makes.
/// </summary>
internal static partial class McpToolErrors
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                return await CheckedAsync(next, context, cancellationToken);
            }
            catch (McpException refusal)
            {
                var logger = context.Services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(McpToolErrors).FullName!);
                if (logger is not null)
                {
                    LogRefused(logger, context.Params?.Name ?? "", refusal.Message);
                }
                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = refusal.Message }] };
            }
        };

    private static async ValueTask<CallToolResult> CheckedAsync(McpRequestHandler<CallToolRequestParams, CallToolResult> next,
        RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        {
            if (context.MatchedPrimitive is not McpServerTool tool || context.Params is not { } call)
            {
                return await next(context, cancellationToken);
            }
            var schema = tool.ProtocolTool.InputSchema;
            var missing = Required(schema)
                .Where(name => call.Arguments is null || !call.Arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
                .ToList();
            if (missing.Count > 0)
            {
                throw new McpException($"Missing argument{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"'{m}'"))}. {Signature(call.Name, schema)}");
            }
            try
            {
                return await next(context, cancellationToken);
            }
            catch (JsonException)
            {
                // NOTE: only argument binding parses JSON on this path; the tools themselves never throw JsonException.
                throw new McpException($"An argument has the wrong type. {Signature(call.Name, schema)}");
            }
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "MCP tool {Tool} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string tool, string reason);

    private static IEnumerable<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Select(r => r.GetString() ?? "")
            : [];

    /// <summary>"submit_task takes task_id (string), attempt (integer), output (string)."</summary>
    private static string Signature(string tool, JsonElement schema)
    {
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().Select(a => a.Value.TryGetProperty("type", out var type) ? $"{a.Name} ({type})" : a.Name).ToList()
            : [];
        return properties.Count == 0 ? $"{tool} takes no arguments." : $"{tool} takes {string.Join(", ", properties)}.";
    }
}
