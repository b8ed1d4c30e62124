using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Rag;

/// <summary>A real server with two knowledge databases ("docs" at its default path and "empty"), an admin (the first
/// user) and a plain user.</summary>
public sealed class RagApp : IAsyncLifetime
{
    private OrchestrationApp? _app;

    public OrchestrationApp App => _app!;
    public TestUser Admin { get; private set; } = null!;
    public TestUser User { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await OrchestrationApp.StartAsync("""
            { "rag": { "databases": { "docs": "<data_dir>/rag/docs.db", "empty": "<data_dir>/rag/empty.db" }, "max_top_k": 5, "default_top_k": 3 } }
            """);
        Admin = await _app.CreateUserAsync();
        User = await _app.CreateUserAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
