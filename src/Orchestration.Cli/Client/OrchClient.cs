using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Orchestration.Cli.Client;

/// <summary>The CLI's HTTP client: bearer auth, one transparent refresh on 401, problem details turned into messages.</summary>
internal sealed class OrchClient(Credentials credentials, HttpClient? http = null) : IDisposable
{
    private static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = http ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    private Credentials _credentials = credentials;

    public Credentials Credentials => _credentials;

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>A GET of a paged list: the body and the X-Total-Count header (null when the server sent none).</summary>
    public async Task<(JsonElement Body, long? Total)> GetPageAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var total = response.Headers.TryGetValues("X-Total-Count", out var values)
                    && long.TryParse(values.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : (long?)null;
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone(), total);
    }

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<JsonElement> PatchAsync(string path, object body, CancellationToken cancellationToken) => SendAsync(new HttpMethod("PATCH"), path, body, cancellationToken);

    public Task<JsonElement> PutAsync(string path, object body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Put, path, body, cancellationToken);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Follows a project's event stream, yielding (id, type, data) until cancelled.</summary>
    public async IAsyncEnumerable<(string Id, string Type, JsonElement Data)> FollowEventsAsync(
        string projectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var token = (await PostAsync($"/api/events/{projectId}/token", null, cancellationToken)).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url($"/api/events/{projectId}?token={Uri.EscapeDataString(token!)}"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            yield return (item.EventId ?? "", item.EventType, JsonDocument.Parse(item.Data).RootElement.Clone());
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method, string path, object? body, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(method, path, body, completion, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && _credentials.RefreshToken is not null && await TryRefreshAsync(cancellationToken))
        {
            response.Dispose();
            response = await SendOnceAsync(method, path, body, completion, cancellationToken);
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests && method == HttpMethod.Get
            && response.Headers.RetryAfter?.Delta is { } wait && wait <= MaxRateLimitWait)
        {
            // A long run followed live reads the state often; a read may wait out the per-user limit once (a write
            // is not repeated: the person decides).
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
            response = await SendOnceAsync(method, path, body, completion, cancellationToken);
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        HttpMethod method, string path, object? body, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Url(path));
        if (_credentials.AccessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _credentials.AccessToken);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: CliJson.Options);
        }
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"Cannot reach the server at {_credentials.Server}: {ex.Message} (start it with `orch serve`, or pass --server).");
        }
    }

    private async Task<bool> TryRefreshAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(Url("/api/auth/refresh"), new { refresh_token = _credentials.RefreshToken }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }
        var pair = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        _credentials = _credentials with
        {
            AccessToken = pair.GetProperty("access_token").GetString(),
            RefreshToken = pair.GetProperty("refresh_token").GetString(),
        };
        _credentials.Save();
        return true;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? detail = null;
        List<string> errors = [];
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                errors = [.. fields.EnumerateObject().SelectMany(f => f.Value.ValueKind == JsonValueKind.Array
                    ? f.Value.EnumerateArray().Select(m => $"{f.Name}: {(m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText())}")
                    : [$"{f.Name}: {f.Value.GetRawText()}"])];
            }
            detail = problem.GetProperty("detail").GetString();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Not a problem document; fall back to the status line.
        }
        // A refused sign-in is about the password given, not about a missing session.
        var signingIn = response.RequestMessage?.RequestUri?.AbsolutePath is "/api/auth/login" or "/api/auth/register";
        var hint = response.StatusCode == HttpStatusCode.Unauthorized && !signingIn ? " Run `orch login` first." : "";
        throw new CliException($"{(int)response.StatusCode} {response.ReasonPhrase}: {detail ?? text}{hint}", response.StatusCode, errors);
    }

    private Uri Url(string path) => new(new Uri(_credentials.Server.TrimEnd('/') + "/"), path.TrimStart('/'));

    public void Dispose() => _http.Dispose();
}
