namespace Orchestration.Engine.Rag;

/// <summary>Reciprocal-rank fusion: each list adds 1 / (K + rank) for every id it ranks (rank from 1).</summary>
internal static class RankFusion
{
    /// <summary>The usual constant (Cormack et al., 2009): damps the weight of the very top ranks.</summary>
    public const int K = 60;

    public static IReadOnlyList<(long Id, double Score)> Fuse(params IReadOnlyList<long>[] rankings)
    {
        var scores = new Dictionary<long, double>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + 1.0 / (K + rank + 1);
            }
        }
        // Ties (an id ranked equally in one list only) keep the lower id, i.e. the earlier chunk, first.
        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Select(s => (s.Key, s.Value)).ToList();
    }
}
