using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orchestration.Server.Tests.Notifications;

/// <summary>A real loopback HTTP receiver (Kestrel, port 0) that records every POST and answers with what
/// <see cref="Answer"/> says for the n-th request (1-based): a status code, or 0 to hang until disposed.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _arrived = new(0);
    private int _count;
    private int _inFlight;

    private WebhookReceiver(WebApplication app) => _app = app;

    public sealed record Request(string Body, string? Signature, string? DeliveryId, string? EventType, DateTimeOffset ReceivedAt);

    public Func<int, int> Answer { get; set; } = _ => 200;

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Requests the receiver holds without answering.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hook", receiver.HandleAsync);
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Urls.First() + "/hook";
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (answered or not).</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (Requests.Count < count)
        {
            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Expected {count} webhook requests within {timeout}, got {Requests.Count}.");
            }
        }
    }

    /// <summary>Checks X-Orch-Signature as a receiver would: HMAC-SHA256 of "t.body" with the secret, in constant time.</summary>
    public static bool Verifies(Request request, string secret, TimeSpan tolerance, DateTimeOffset now)
    {
        var parts = (request.Signature ?? "").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, out var seconds))
        {
            return false;
        }
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{request.Body}"));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var n = Interlocked.Increment(ref _count);
        var status = Answer(n);
        // A held request counts as in flight before anyone waiting for its arrival is woken.
        if (status == 0)
        {
            Interlocked.Increment(ref _inFlight);
        }
        Requests.Enqueue(new Request(body, context.Request.Headers["X-Orch-Signature"], context.Request.Headers["X-Orch-Delivery"],
            context.Request.Headers["X-Orch-Event"], DateTimeOffset.UtcNow));
        _arrived.Release();
        if (status == 0)
        {
            try
            {
                await _released.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up.
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
            return;
        }
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
