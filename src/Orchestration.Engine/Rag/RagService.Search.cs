using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Rag;

internal sealed partial class RagService
{
    /// <summary>Hybrid search fuses this many candidates of each kind (at least), so a chunk ranked modestly by both
    /// can still rise to the top.</summary>
    private const int HybridCandidates = 40;

    public async Task<IReadOnlyList<RagHit>> SearchAsync(
        string database, string query, int? topK, RagSearchMode mode, CancellationToken cancellationToken)
    {
        RequireDatabase(database);
        var k = ResolveTopK(topK, "top_k");
        query = RequireText(query, "query");
        var started = time.GetTimestamp();
        var hits = mode switch
        {
            RagSearchMode.Semantic => await SemanticAsync(database, query, k, cancellationToken),
            RagSearchMode.Keyword => (await RankKeywordsAsync(database, query, k, cancellationToken))
                .Select(h => ToHit(h.Chunk, h.Score, RagMatch.Keyword, h.Snippet)).ToList(),
            _ => await HybridAsync(database, query, k, cancellationToken),
        };
        RagLogs.Searched(logger, database, mode, k, hits.Count, (long)time.GetElapsedTime(started).TotalMilliseconds);
        return hits;
    }

    public async Task<IReadOnlyList<RagHit>> LookupAsync(string database, string term, int? limit, CancellationToken cancellationToken)
    {
        RequireDatabase(database);
        var k = ResolveTopK(limit, "limit");
        term = RequireText(term, "term");
        var exact = await store.FindByTypeNameAsync(database, term, k, cancellationToken);
        var hits = exact.Select(c => ToHit(c, 1.0, RagMatch.TypeName, null)).ToList();
        if (hits.Count < k && FtsQuery.Phrase(term) is { } phrase)
        {
            var seen = exact.Select(c => c.ChunkId).ToHashSet();
            var keyword = await store.SearchKeywordsAsync(database, phrase, k + seen.Count, cancellationToken);
            hits.AddRange(keyword.Where(h => !seen.Contains(h.Chunk.ChunkId)).Take(k - hits.Count)
                .Select(h => ToHit(h.Chunk, h.Score, RagMatch.Keyword, h.Snippet)));
        }
        return hits;
    }

    private async Task<List<RagHit>> SemanticAsync(string database, string query, int k, CancellationToken cancellationToken)
    {
        var ranked = await RankSemanticAsync(database, query, k, cancellationToken);
        var scores = ranked.ToDictionary(r => r.ChunkId, r => r.Score);
        var chunks = await store.GetChunksAsync(database, [.. scores.Keys], cancellationToken);
        return chunks.Select(c => ToHit(c, scores[c.ChunkId], RagMatch.Semantic, null)).ToList();
    }

    private async Task<List<RagHit>> HybridAsync(string database, string query, int k, CancellationToken cancellationToken)
    {
        var candidates = Math.Max(k * 4, HybridCandidates);
        var semantic = await RankSemanticAsync(database, query, candidates, cancellationToken);
        var keyword = await RankKeywordsAsync(database, query, candidates, cancellationToken);
        var fused = RankFusion.Fuse([.. semantic.Select(s => s.ChunkId)], [.. keyword.Select(h => h.Chunk.ChunkId)]).Take(k).ToList();

        var byKeyword = keyword.ToDictionary(h => h.Chunk.ChunkId);
        var others = await store.GetChunksAsync(database, [.. fused.Select(f => f.Id).Where(id => !byKeyword.ContainsKey(id))], cancellationToken);
        var chunks = others.ToDictionary(c => c.ChunkId);
        foreach (var hit in byKeyword.Values)
        {
            chunks[hit.Chunk.ChunkId] = hit.Chunk;
        }
        return fused.Where(f => chunks.ContainsKey(f.Id))
            .Select(f => ToHit(chunks[f.Id], f.Score, RagMatch.Hybrid, byKeyword.GetValueOrDefault(f.Id)?.Snippet))
            .ToList();
    }

    private async Task<IReadOnlyList<(long ChunkId, double Score)>> RankSemanticAsync(
        string database, string query, int limit, CancellationToken cancellationToken)
    {
        var stored = await store.GetEmbedderAsync(database, cancellationToken);
        if (stored is null)
        {
            // Nothing ingested yet: no vectors to compare, and no reason to load the model.
            return [];
        }
        RequireSameEmbedder(database, stored);
        var vector = (await embedder.EmbedAsync([query], cancellationToken))[0];
        return await index.SearchAsync(database, stored, vector, limit, cancellationToken);
    }

    private async Task<IReadOnlyList<RagKeywordHit>> RankKeywordsAsync(string database, string query, int limit, CancellationToken cancellationToken) =>
        FtsQuery.AnyTerm(query) is { } match ? await store.SearchKeywordsAsync(database, match, limit, cancellationToken) : [];
}
