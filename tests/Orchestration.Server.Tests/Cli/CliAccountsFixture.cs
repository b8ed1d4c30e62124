using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Cli;

/// <summary>A server with two knowledge databases ("docs", "empty"), its admin (the first user) and a plain user, each
/// with a CLI home signed in.</summary>
public sealed class CliAccountsFixture : IAsyncLifetime
{
    private OrchestrationApp? _app;

    public OrchestrationApp App => _app!;

    public TestUser Admin { get; private set; } = null!;

    public TestUser User { get; private set; } = null!;

    internal CliHome AdminHome { get; private set; } = null!;

    internal CliHome UserHome { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await OrchestrationApp.StartAsync("""
            { "rag": { "databases": { "docs": "<data_dir>/rag/docs.db", "empty": "<data_dir>/rag/empty.db" }, "max_top_k": 5, "default_top_k": 3 } }
            """);
        Admin = await _app.CreateUserAsync("cli-admin@example.com");
        User = await _app.CreateUserAsync("cli-user@example.com");
        AdminHome = CliHome.For(_app, Admin);
        UserHome = CliHome.For(_app, User);
    }

    public async ValueTask DisposeAsync()
    {
        AdminHome?.Dispose();
        UserHome?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
