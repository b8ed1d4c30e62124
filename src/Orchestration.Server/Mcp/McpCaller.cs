using Orchestration.Server.Auth;

namespace Orchestration.Server.Mcp;

/// <summary>
/// The authenticated user of the MCP request. The /mcp endpoint requires authorization, and the Streamable HTTP
/// transport runs tools in the HTTP request's execution context, so the accessor sees the request that called the tool.
/// NOTE: never take a user id from tool arguments; every store call below is filtered by this id.
/// </summary>
internal sealed class McpCaller(IHttpContextAccessor accessor)
{
    public string UserId => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user
        ? user.GetUserId()
        : throw new InvalidOperationException("The MCP tool call has no authenticated HTTP request.");
}
