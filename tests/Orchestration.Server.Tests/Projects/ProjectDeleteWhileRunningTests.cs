using System.Net;
using Dapper;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Projects;

/// <summary>Deleting a project that is running stops its attempts first: no model call runs on, and no spend is
/// recorded, for a project that is gone.</summary>
public sealed class ProjectDeleteWhileRunningTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OrchestrationApp _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await OrchestrationApp.StartAsync("""{ "simulated": { "latency_ms": 1500, "latency_jitter_ms": 0 } }""");

    [Fact]
    public async Task Deleting_an_executing_project_cancels_its_model_calls_before_answering()
    {
        var user = await _app.CreateUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(_app, user.Client, [], []);
        await (await user.Client.PostAsync($"/api/projects/{project}/execute", null, Ct)).ReadJsonAsync();
        await using (var db = await TestBackend.OpenAsync(_app.Services, Ct))
        {
            // Both tasks are in their first model call.
            for (var i = 0; i < 200 && await db.ExecuteScalarAsync<long>(
                     "SELECT COUNT(*) FROM budget_reservations WHERE project_id = @project", new { project }) < 2; i++)
            {
                await Task.Delay(25, Ct);
            }
            Assert.Equal(2, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations WHERE project_id = @project", new { project }));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/projects/{project}", Ct)).StatusCode);
        var deletedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.GetAsync($"/api/projects/{project}", Ct)).StatusCode);

        // The calls would have ended within 1.5 s, and verification and knowledge calls would have followed.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        await using var after = await TestBackend.OpenAsync(_app.Services, Ct);
        // The cancelled calls are on record (spend history outlives a project), all from before the answer.
        Assert.Equal(2, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM usage_records WHERE project_id = @project", new { project }));
        Assert.Equal(0, await after.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM usage_records WHERE project_id = @project AND created_at > @deletedAt", new { project, deletedAt }));
        Assert.Equal(0, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
        Assert.True(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 - deletedAt >= 3);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
