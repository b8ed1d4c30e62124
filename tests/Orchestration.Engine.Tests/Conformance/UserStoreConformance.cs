using Orchestration.Core.Domain;
using Orchestration.Storage.Users;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>
/// What every backend's users and refresh-token stores must decide alike under concurrency: one first user becomes admin,
/// an e-mail is taken once (whatever its case), a token is rotated once, the last active admin stays.
/// </summary>
public abstract class UserStoreConformance
{
    private const int Racers = 32;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ExecutionBackend> CreateBackendAsync();

    private static Task<T[]> RaceAsync<T>(Func<int, Task<T>> work) =>
        Task.WhenAll(Enumerable.Range(0, Racers).Select(i => Task.Run(() => work(i), Ct)));

    [Fact]
    public async Task Of_many_first_registrations_at_once_exactly_one_becomes_admin()
    {
        await using var backend = await CreateBackendAsync();

        var users = await RaceAsync(i => backend.Users.CreateAsync($"racer{i}@example.com", "", "hash", 1, Ct));

        Assert.Single(users, u => u!.Role == UserRole.Admin.ToWire());
        Assert.Equal(Racers, (await backend.Users.ListAsync(Ct)).Count);
    }

    [Fact]
    public async Task An_email_is_taken_once_whatever_its_case()
    {
        await using var backend = await CreateBackendAsync();

        var users = await RaceAsync(i => backend.Users.CreateAsync(i % 2 == 0 ? "Same@Example.com" : "same@example.COM", "", "hash", 1, Ct));

        var created = Assert.Single(users, u => u is not null);
        Assert.Equal(created!.Id, (await backend.Users.FindByEmailAsync("SAME@example.com", Ct))?.Id);
    }

    [Fact]
    public async Task A_token_presented_many_times_at_once_is_rotated_once_and_its_family_revoked()
    {
        await using var backend = await CreateBackendAsync();
        var user = await backend.Users.CreateAsync("owner@example.com", "", "hash", 1, Ct);
        await backend.RefreshTokens.IssueAsync(user!.Id, "family", "presented", 1, 100, Ct);

        var outcomes = await RaceAsync(i => backend.RefreshTokens.RotateAsync("presented", $"replacement-{i}", 2, 100, Ct));

        Assert.Single(outcomes, o => o.Outcome == RotationOutcome.Rotated);
        Assert.All(outcomes.Where(o => o.Outcome != RotationOutcome.Rotated), o => Assert.Equal(RotationOutcome.Reused, o.Outcome));
        // The reuse revoked the family, the replacement issued by the one rotation included.
        var replacement = outcomes.Select((o, i) => (o, i)).Single(x => x.o.Outcome == RotationOutcome.Rotated).i;
        Assert.Equal(RotationOutcome.Reused, (await backend.RefreshTokens.RotateAsync($"replacement-{replacement}", "next", 3, 100, Ct)).Outcome);
    }

    [Fact]
    public async Task Admins_stepping_down_at_once_leave_exactly_one_admin()
    {
        await using var backend = await CreateBackendAsync();
        var admins = new List<User>();
        for (var i = 0; i < 8; i++)
        {
            var user = await backend.Users.CreateAsync($"admin{i}@example.com", "", "hash", 1, Ct);
            admins.Add(user!.Role == UserRole.Admin.ToWire()
                ? user
                : (await backend.Users.UpdateByAdminAsync(user.Id, null, UserRole.Admin.ToWire(), Ct)).User!);
        }

        var results = await Task.WhenAll(admins.Select((a, i) => Task.Run(() =>
            backend.Users.UpdateByAdminAsync(a.Id, i % 2 == 0 ? null : false, i % 2 == 0 ? UserRole.User.ToWire() : null, Ct), Ct)));

        Assert.Single(results, r => r.Outcome == AdminUpdateOutcome.LastAdmin);
        var remaining = (await backend.Users.ListAsync(Ct)).Where(u => u.User.Role == UserRole.Admin.ToWire() && u.User.IsActive);
        Assert.Single(remaining);
    }
}
