using System.Net;

namespace Orchestration.Engine.Models.Providers;

/// <summary>
/// Fails a response body that goes quiet: every read must bring data within the provider's configured timeout.
/// NOTE: the other timeouts end when the headers arrive (the Anthropic SDK's, and HttpClient's once a response is read
/// as it streams, as OllamaSharp does), so a server that stops mid-body held the call forever; OllamaSharp's line
/// reads do not even see the caller's cancellation. A quiet read throws <see cref="TimeoutException"/>, which the
/// retry decorator counts as a transient timeout (retried only while no output reached the caller).
/// </summary>
internal sealed class ReadTimeoutHandler(HttpMessageHandler inner, TimeSpan timeout) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        response.Content = new TimedContent(response.Content, timeout);
        return response;
    }

    private sealed class TimedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly TimeSpan _timeout;

        public TimedContent(HttpContent inner, TimeSpan timeout)
        {
            (_inner, _timeout) = (inner, timeout);
            foreach (var (name, values) in inner.Headers)
            {
                Headers.TryAddWithoutValidation(name, values);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new TimedStream(await _inner.ReadAsStreamAsync(cancellationToken), _timeout);

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
            new TimedStream(_inner.ReadAsStream(cancellationToken), _timeout);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await using var body = await CreateContentReadStreamAsync(cancellationToken);
            await body.CopyToAsync(stream, cancellationToken);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        // The length, when the server sent one, is among the copied headers.
        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private sealed class TimedStream(Stream inner, TimeSpan timeout) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quiet.CancelAfter(timeout);
            try
            {
                return await inner.ReadAsync(buffer, quiet.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException && quiet.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The provider's answer stopped: nothing came for {timeout.TotalSeconds:0.###} s.", ex);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // StreamReader.EndOfStream reads synchronously (OllamaSharp's line loop): the wait is bounded all the same.
        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
