using System.Text.Json;

namespace Orchestration.Engine.Tools.Media;

// Reading ComfyUI's HTTP answers: JSON replies and the image, each with a size cap, failures as tool errors.
internal sealed partial class ComfyUIClient
{
    private const int MaxReplyBytes = 4 * 1024 * 1024;
    private const int ShownBodyChars = 300;
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static Uri BaseOf(string name, string url) =>
        Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ToolException($"comfyui.hosts.{name} ('{url}') is not an http(s) URL.");

    private async Task<JsonElement> GetJsonAsync(string host, Uri uri, string what, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(host, new HttpRequestMessage(HttpMethod.Get, uri), what, cancellationToken);
        return await ReadJsonAsync(response, host, what, acceptErrorBody: false, cancellationToken);
    }

    private async Task<byte[]> DownloadAsync(Job job, ComfyOutputFile file, int maxBytes, CancellationToken cancellationToken)
    {
        var query = $"view?filename={Uri.EscapeDataString(file.Filename)}&subfolder={Uri.EscapeDataString(file.Subfolder)}&type={Uri.EscapeDataString(file.Type)}";
        using var response = await SendAsync(job.Host, new HttpRequestMessage(HttpMethod.Get, new Uri(job.BaseUri, query)), "GET /view", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ToolException($"ComfyUI ({job.Host}) answered HTTP {(int)response.StatusCode} to GET /view for {file.Filename}.");
        }
        var png = await ReadCappedAsync(response.Content, maxBytes, cancellationToken)
                  ?? throw new ToolException($"The image ComfyUI made is larger than {maxBytes:N0} bytes, the most generate_image saves; ask for a smaller size.");
        return png.AsSpan().StartsWith(PngSignature)
            ? png
            : throw new ToolException($"ComfyUI's /view answer for {file.Filename} is not a PNG image ({png.Length:N0} bytes).");
    }

    /// <summary>Sends with the body read lazily; a broken connection is a tool error naming the step.</summary>
    private async Task<HttpResponseMessage> SendAsync(string host, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new ToolException($"ComfyUI ({host}) could not be reached for {what}: {ex.Message}");
            }
        }
    }

    /// <summary>The reply as JSON. With <paramref name="acceptErrorBody"/>, an error status whose body is a JSON object
    /// is returned too (POST /prompt explains a refusal in its 400 body).</summary>
    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string host, string what, bool acceptErrorBody, CancellationToken cancellationToken)
    {
        var bytes = await ReadCappedAsync(response.Content, MaxReplyBytes, cancellationToken)
                    ?? throw new ToolException($"ComfyUI ({host}) answered {what} with more than {MaxReplyBytes:N0} bytes.");
        JsonElement? json = null;
        try
        {
            json = JsonDocument.Parse(bytes).RootElement.Clone();
        }
        catch (JsonException)
        {
            // Described below, with the status.
        }
        if (response.IsSuccessStatusCode && json is { } ok)
        {
            return ok;
        }
        if (acceptErrorBody && json is { ValueKind: JsonValueKind.Object } refusal && (refusal.TryGetProperty("error", out _) || refusal.TryGetProperty("node_errors", out _)))
        {
            return refusal;
        }
        var body = System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, ShownBodyChars * 4)).ReplaceLineEndings(" ").Trim();
        body = body.Length <= ShownBodyChars ? body : body[..ShownBodyChars] + " …";
        throw new ToolException(response.IsSuccessStatusCode
            ? $"ComfyUI ({host}) answered {what} with something that is not JSON: {body}"
            : $"ComfyUI ({host}) answered HTTP {(int)response.StatusCode} to {what}: {body}");
    }

    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/> (reading stops there).</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
