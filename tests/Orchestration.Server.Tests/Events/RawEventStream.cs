using System.Text;
using System.Text.RegularExpressions;

namespace Orchestration.Server.Tests.Events;

/// <summary>Reads a live text/event-stream response as raw text, for assertions on the exact bytes.</summary>
internal sealed partial class RawEventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly StringBuilder _text = new();
    private readonly byte[] _buffer = new byte[16 * 1024];

    private RawEventStream(HttpResponseMessage response, Stream body) => (_response, _body) = (response, body);

    public HttpResponseMessage Response => _response;

    public string Text => _text.ToString();

    public static async Task<RawEventStream> OpenAsync(HttpClient client, string url, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        return new RawEventStream(response, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Reads until the text received so far contains <paramref name="marker"/> (fails after 30 s).</summary>
    public Task<string> ReadUntilAsync(string marker) => ReadUntilAsync(text => text.Contains(marker, StringComparison.Ordinal));

    /// <summary>Reads until <paramref name="done"/> holds for the text received so far (fails after
    /// <paramref name="within"/>, 30 s unless given).</summary>
    public async Task<string> ReadUntilAsync(Func<string, bool> done, TimeSpan? within = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within ?? TimeSpan.FromSeconds(30));
        while (!done(_text.ToString()))
        {
            var read = await _body.ReadAsync(_buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }
            _text.Append(Encoding.UTF8.GetString(_buffer, 0, read));
        }
        return Text;
    }

    /// <summary>The events received: (id, type, data) in order; comments and the retry field are skipped.</summary>
    public IReadOnlyList<(string? Id, string Type, string Data)> Events() =>
        // Only complete blocks (up to the last blank line): a read may end in the middle of an event.
        Text[..(Text.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)].Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(block => !block.StartsWith(':'))
            .Select(block =>
            {
                var fields = block.Split('\n').Select(l => l.Split(": ", 2)).Where(p => p.Length == 2).ToLookup(p => p[0], p => p[1]);
                return (fields["id"].FirstOrDefault(), fields["event"].First(), fields["data"].First());
            }).ToList();

    public static IEnumerable<long> Ids(IEnumerable<(string? Id, string Type, string Data)> events) =>
        events.Where(e => e.Id is not null).Select(e => long.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^event: (\w+)\ndata: (\{.*\})\nid: (\d+)$")]
    public static partial Regex EventBlock();

    public async ValueTask DisposeAsync()
    {
        await _body.DisposeAsync();
        _response.Dispose();
    }
}
