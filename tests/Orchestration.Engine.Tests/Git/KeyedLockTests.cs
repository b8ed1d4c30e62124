using Orchestration.Engine.Git;

namespace Orchestration.Engine.Tests.Git;

public sealed class KeyedLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_holder_per_key_others_keys_are_free_and_released_keys_are_forgotten()
    {
        var locks = new KeyedLock();
        var first = await locks.AcquireAsync("a", Ct);
        var second = locks.AcquireAsync("a", Ct);
        using (await locks.AcquireAsync("b", Ct))
        {
            Assert.False(second.IsCompleted);
        }
        first.Dispose();
        (await second).Dispose();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_key_to_its_holder()
    {
        var locks = new KeyedLock();
        var holder = await locks.AcquireAsync("a", Ct);
        using var cancel = new CancellationTokenSource();
        var waiting = locks.AcquireAsync("a", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, locks.Count);
        holder.Dispose();
        Assert.Equal(0, locks.Count);
    }
}
