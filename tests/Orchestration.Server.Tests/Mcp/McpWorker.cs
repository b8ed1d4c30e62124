using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Orchestration.Server.Mcp;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Mcp;

/// <summary>An agent's side of /mcp: the SDK's own MCP client over Streamable HTTP, with a bearer credential.</summary>
internal sealed class McpWorker : IAsyncDisposable
{
    private readonly McpClient _client;

    private McpWorker(McpClient client) => _client = client;

    public static async Task<McpWorker> ConnectAsync(OrchestrationApp app, string bearer)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(app.BaseAddress, McpWorkersExtensions.Path),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {bearer}" },
        });
        return new McpWorker(await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken));
    }

    public async Task<IList<McpClientTool>> ListToolsAsync() => await _client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Calls a tool and returns its text contents; <see cref="CallToolResult.IsError"/> is returned alongside.</summary>
    public async Task<(bool IsError, IReadOnlyList<string> Texts)> CallAsync(string tool, Dictionary<string, object?>? arguments = null)
    {
        var result = await _client.CallToolAsync(tool, arguments ?? [], cancellationToken: TestContext.Current.CancellationToken);
        return (result.IsError == true, [.. result.Content.OfType<TextContentBlock>().Select(b => b.Text)]);
    }

    /// <summary>A call that must succeed: its first text content as JSON.</summary>
    public async Task<JsonElement> CallJsonAsync(string tool, Dictionary<string, object?>? arguments = null)
    {
        var (isError, texts) = await CallAsync(tool, arguments);
        Assert.False(isError, $"{tool} failed: {string.Join("\n", texts)}");
        return JsonDocument.Parse(texts[0]).RootElement.Clone();
    }

    /// <summary>A call that must be refused: the error's text.</summary>
    public async Task<string> CallErrorAsync(string tool, Dictionary<string, object?>? arguments = null)
    {
        var (isError, texts) = await CallAsync(tool, arguments);
        Assert.True(isError, $"{tool} should have failed but returned: {string.Join("\n", texts)}");
        return string.Join("\n", texts);
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
