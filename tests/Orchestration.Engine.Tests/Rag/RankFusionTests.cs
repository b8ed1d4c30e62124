using Orchestration.Engine.Rag;

namespace Orchestration.Engine.Tests.Rag;

public sealed class RankFusionTests
{
    [Fact]
    public void An_id_ranked_by_both_lists_outranks_ids_at_the_top_of_only_one()
    {
        var fused = RankFusion.Fuse([1, 2, 3], [4, 2, 5]);

        Assert.Equal([2L, 1, 4, 3, 5], fused.Select(f => f.Id));
        Assert.Equal(1.0 / 62 + 1.0 / 62, fused[0].Score, 12);
        Assert.Equal(1.0 / 61, fused[1].Score, 12);
    }

    [Fact]
    public void Empty_lists_fuse_to_the_other_list_in_its_order()
    {
        Assert.Equal([7L, 3], RankFusion.Fuse([], [7, 3]).Select(f => f.Id));
        Assert.Empty(RankFusion.Fuse([], []));
    }
}
