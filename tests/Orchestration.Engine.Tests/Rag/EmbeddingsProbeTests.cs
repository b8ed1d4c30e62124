using Microsoft.Extensions.DependencyInjection;
using Orchestration.Engine.Health;
using Orchestration.Engine.Rag;

namespace Orchestration.Engine.Tests.Rag;

public sealed class EmbeddingsProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_probe_of_the_embedded_model_is_online_once_it_loads()
    {
        await using var rag = new RagHarness();
        var probe = rag.Services.GetServices<IServiceProbe>().OfType<EmbeddingsProbe>().Single();

        var status = Assert.Single(await probe.ProbeAsync(Ct));

        Assert.Equal(("embeddings", "online", "embedded model"), (status.Id, status.Status, status.Method));
        Assert.Equal(("minilm/all-MiniLM-L6-v2", 384), (status.Details["embedder"], status.Details["dimensions"]));
        Assert.True(status.Details.ContainsKey("load_ms"));
    }
}
