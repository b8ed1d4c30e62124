using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using Orchestration.Server.Infrastructure;

namespace Orchestration.Server.Mcp;

/// <summary>
/// External workers over the Model Context Protocol: agents (Claude Code and the like) connect to <see cref="Path"/> with
/// Streamable HTTP, authenticated like the API (a JWT access token or an <c>orch_</c> API key as bearer), and get tools
/// to list projects and ready tasks, claim a task, and submit or release it.
/// </summary>
public static class McpWorkersExtensions
{
    public const string Path = "/mcp";

    private const string Instructions =
        "This server runs software projects as graphs of tasks. For projects whose execution_mode is 'hybrid' or 'external', " +
        "you can be the worker: list_projects, then list_ready_tasks(project_id); claim_task(task_id) gives you an attempt " +
        "number and the prompt (requirements, plan, dependency outputs); do the task; submit_task(task_id, attempt, output) " +
        "completes it and makes its dependants ready. release_task gives a task back. Claims expire: submit before " +
        "lease_expires_at. Work through the ready tasks until list_ready_tasks shows none and the project is completed.";

    /// <summary>The API's snake_case JSON for the tools' arguments and results. The SDK freezes the options it is given,
    /// which needs an explicit resolver.</summary>
    internal static readonly JsonSerializerOptions ToolJson = new(JsonDefaults.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static IServiceCollection AddMcpWorkers(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddScoped<McpCaller>();
        services.AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation
                {
                    Name = "orchestration-engine",
                    Title = "Orchestration Engine workers",
                    Version = typeof(McpWorkersExtensions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
                };
                o.ServerInstructions = Instructions;
            })
            // NOTE: stateless: every POST carries its own request and user, nothing lives between requests, so a
            // server restart (or a second instance) does not break a connected agent; claims live in the database.
            .WithHttpTransport(o => o.SessionMode = HttpServerSessionMode.Stateless)
            .AddAuthorizationFilters()
            .WithRequestFilters(f => f.AddCallToolFilter(McpToolErrors.Filter))
            .WithTools<WorkerProjectTools>(ToolJson)
            .WithTools<WorkerTaskTools>(ToolJson);
        return services;
    }

    /// <summary>The endpoint requires an authenticated user (401 problem otherwise); the global rate limiter, partitioned by
    /// user, applies to it as to the API.</summary>
    public static IEndpointRouteBuilder MapMcpWorkers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("MCP").RequireAuthorization().ExcludeFromDescription();
        group.MapMcp("");
        // NOTE: stateless Streamable HTTP has no server-to-client stream. The spec wants a 405 for its GET; without this
        // route the web UI's catch-all GET would answer an agent's GET with a 200 page it would take for a stream.
        group.MapGet("", (HttpContext context) =>
        {
            context.Response.Headers.Allow = "POST";
            return TypedResults.Problem(
                $"This MCP endpoint is stateless: POST JSON-RPC requests to {Path}; it offers no event stream to GET.",
                statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method Not Allowed");
        });
        return app;
    }
}
