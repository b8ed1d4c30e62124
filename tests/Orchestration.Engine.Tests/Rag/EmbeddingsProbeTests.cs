using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Engine.Health;
using Orchestration.Engine.Rag;

namespace Orchestration.Engine.Tests.Rag;

/// <summary>The embedded model is process-wide: these tests load and let it go, so nothing else runs beside them.</summary>
[CollectionDefinition(nameof(EmbeddedModelCollection), DisableParallelization = true)]
public sealed class EmbeddedModelCollection;

[Collection(nameof(EmbeddedModelCollection))]
public sealed class EmbeddingsProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_health_check_reports_the_embedded_model_without_loading_it_and_the_first_embedding_loads_it()
    {
        await using var rag = new RagHarness();
        var probe = rag.Services.GetServices<IServiceProbe>().OfType<EmbeddingsProbe>().Single();
        var generator = new MiniLmEmbeddingGenerator();
        await generator.GenerateAsync(["warm"], cancellationToken: Ct);
        Assert.True(MiniLmEmbeddingGenerator.UnloadIfIdle(TimeSpan.Zero));
        Assert.False(MiniLmEmbeddingGenerator.IsLoaded);

        var status = Assert.Single(await probe.ProbeAsync(Ct));

        Assert.Equal(("embeddings", "online", "embedded model"), (status.Id, status.Status, status.Method));
        Assert.Equal(("minilm/all-MiniLM-L6-v2", 384), (status.Details["embedder"], status.Details["dimensions"]));
        Assert.Equal(false, status.Details["loaded"]);
        Assert.False(MiniLmEmbeddingGenerator.IsLoaded);

        var vectors = await generator.GenerateAsync(["Is the model back?"], cancellationToken: Ct);
        Assert.Equal(384, vectors[0].Vector.Length);
        Assert.True(MiniLmEmbeddingGenerator.IsLoaded);
        var loaded = Assert.Single(await probe.ProbeAsync(Ct));
        Assert.Equal(true, loaded.Details["loaded"]);
        Assert.True(loaded.Details.ContainsKey("load_ms"));
    }

    [Fact]
    public async Task A_model_in_use_recently_is_kept()
    {
        var generator = new MiniLmEmbeddingGenerator();
        await generator.GenerateAsync(["warm"], cancellationToken: Ct);

        Assert.False(MiniLmEmbeddingGenerator.UnloadIfIdle(TimeSpan.FromMinutes(5)));
        Assert.True(MiniLmEmbeddingGenerator.IsLoaded);
    }
}
