using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Models.Ollama;

/// <summary>
/// One Ollama server on loopback speaking the real wire protocol: <c>GET /api/tags</c> lists <see cref="Models"/>,
/// <c>POST /api/chat</c> (counted in <see cref="Chats"/>, failed ones too) answers as a whole JSON body or an ndjson stream, as the request's <c>stream</c> asks. Each
/// chat is held until <see cref="Release"/> (a slow model), and <see cref="Down"/> turns every answer into a 500.
/// </summary>
internal sealed class FakeOllamaHost : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly string _name;
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _active;
    private int _maxActive;
    private int _chats;
    private int _embeds;

    private FakeOllamaHost(LoopbackServer server, string name, bool holding)
    {
        _server = server;
        _name = name;
        if (!holding)
        {
            _gate.SetResult();
        }
    }

    public string Url => _server.BaseUrl;
    public string[] Models { get; set; } = [OllamaWire.Model];
    public bool Down { get; set; }
    public int Chats => Volatile.Read(ref _chats);
    public int Embeds => Volatile.Read(ref _embeds);
    public int MaxActive => Volatile.Read(ref _maxActive);

    /// <summary>Called with this host's name each time a chat arrives, before it is held.</summary>
    public Action<string>? OnChat { get; set; }

    public static async Task<FakeOllamaHost> StartAsync(string name, bool holding = false)
    {
        FakeOllamaHost? host = null;
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/tags", (HttpContext c) => host!.TagsAsync(c));
            app.MapPost("/api/chat", (HttpContext c) => host!.ChatAsync(c));
            app.MapPost("/api/embed", (HttpContext c) => host!.EmbedAsync(c));
        });
        host = new FakeOllamaHost(server, name, holding);
        return host;
    }

    /// <summary>Lets every held chat answer, and every later one answer at once.</summary>
    public void Release() => _gate.TrySetResult();

    private Task TagsAsync(HttpContext context)
    {
        if (Down)
        {
            return LoopbackServer.WriteJsonAsync(context, 500, OllamaWire.Error("llama runner process has terminated"));
        }
        var models = Models.Select(m => new { name = m, model = m, modified_at = "2024-05-01T10:00:00Z", size = 1, digest = "d", details = new { } });
        return LoopbackServer.WriteJsonAsync(context, 200, JsonSerializer.Serialize(new { models }));
    }

    /// <summary>/api/embed, one 3-number vector per input, answered at once.</summary>
    private Task EmbedAsync(HttpContext context)
    {
        Interlocked.Increment(ref _embeds);
        using var body = JsonDocument.Parse(context.Request.Body);
        var vectors = body.RootElement.GetProperty("input").EnumerateArray().Select(_ => "[0.1,0.2,0.3]");
        return Down
            ? LoopbackServer.WriteJsonAsync(context, 500, OllamaWire.Error("llama runner process has terminated"))
            : LoopbackServer.WriteJsonAsync(context, 200, $$"""{"model":"nomic-embed-text","embeddings":[{{string.Join(',', vectors)}}],"prompt_eval_count":3}""");
    }

    private async Task ChatAsync(HttpContext context)
    {
        Interlocked.Increment(ref _chats);
        if (Down)
        {
            await LoopbackServer.WriteJsonAsync(context, 500, OllamaWire.Error("llama runner process has terminated"));
            return;
        }
        var active = Interlocked.Increment(ref _active);
        InterlockedMax(active);
        try
        {
            OnChat?.Invoke(_name);
            await _gate.Task.WaitAsync(context.RequestAborted);
            using var body = JsonDocument.Parse(context.Request.Body);
            if (body.RootElement.GetProperty("stream").GetBoolean())
            {
                await LoopbackServer.WriteStreamAsync(context, "application/x-ndjson", OllamaWire.TextStream(["from ", _name]));
            }
            else
            {
                await LoopbackServer.WriteJsonAsync(context, 200, OllamaWire.Done("from " + _name));
            }
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private void InterlockedMax(int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref _maxActive)) && Interlocked.CompareExchange(ref _maxActive, value, seen) != seen)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        Release();
        return _server.DisposeAsync();
    }
}
