using System.Collections;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Server.Hosting;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Server.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel (127.0.0.1, port 0) with a fresh temp directory and a real database of the test backend
/// (<see cref="TestBackend"/>): a SQLite file in that directory, or a fresh PostgreSQL database.
/// Use as a class fixture, or start one with <see cref="StartAsync"/> for a custom config.
/// </summary>
public sealed class OrchestrationApp : IAsyncLifetime
{
    private const string BaseConfig = """
        { "server": { "rate_limit": "100000/minute", "cors_origins": ["http://localhost:5173"] },
          "simulated": { "latency_ms": 0, "latency_jitter_ms": 0 } }
        """;

    private readonly string? _configJson;
    private readonly Action<IServiceCollection>? _configureServices;
    private WebApplication? _app;
    private PostgresTestDatabase? _postgres;
    private int _userCounter;

    public OrchestrationApp() : this(null, null)
    {
    }

    private OrchestrationApp(string? configJson, Action<IServiceCollection>? configureServices)
    {
        _configJson = configJson;
        _configureServices = configureServices;
        DataDir = Path.Combine(Path.GetTempPath(), "orch-tests", Guid.NewGuid().ToString("N"));
    }

    public string DataDir { get; }

    public OrchestrationConfig Config { get; private set; } = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    /// <summary>Starts a server whose config is the test defaults merged with <paramref name="configJson"/>.</summary>
    public static async Task<OrchestrationApp> StartAsync(string? configJson = null, Action<IServiceCollection>? configureServices = null)
    {
        var app = new OrchestrationApp(configJson, configureServices);
        await app.InitializeAsync();
        return app;
    }

    public async ValueTask InitializeAsync()
    {
        var merged = JsonNode.Parse(BaseConfig)!.AsObject();
        if (_configJson is not null)
        {
            Merge(merged, JsonNode.Parse(_configJson)!.AsObject());
        }
        Config = ConfigBinder.Bind(merged.ToJsonString(), new Hashtable());
        Config.Server.Port = 0;
        Config.Server.DataDir = DataDir;
        Config.Database.Path = Path.Combine(DataDir, "orchestration.db");
        if (TestBackend.IsPostgres)
        {
            _postgres = await TestBackend.CreatePostgresDatabaseAsync(TestContext.Current.CancellationToken);
            Config.Database.Provider = DatabaseOptions.Postgres;
            Config.Database.ConnectionString = _postgres.ConnectionString;
        }
        Config.Execution.WorkspaceRoot = Path.Combine(DataDir, "workspaces");
        Config.Auth.SecretKey ??= "test-secret-0123456789abcdef0123456789abcdef";
        Directory.CreateDirectory(DataDir);

        _app = await ServerHost.CreateAsync(Config, configureServices: _configureServices, cancellationToken: TestContext.Current.CancellationToken);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        BaseAddress = new Uri(_app.ListeningAddress());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a lingering connection; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>A connection to the app's database, to seed or inspect rows (in SQL both backends read alike).</summary>
    public Task<System.Data.Common.DbConnection> OpenDatabaseAsync(CancellationToken cancellationToken = default) =>
        TestBackend.OpenAsync(Services, cancellationToken);

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public HttpClient CreateClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Registers and logs in a fresh user. The first user of an app is its admin.</summary>
    public async Task<TestUser> CreateUserAsync(string? email = null, string password = "correct-horse-battery")
    {
        email ??= $"user{Interlocked.Increment(ref _userCounter)}-{Guid.NewGuid():N}@example.com";
        using var anonymous = CreateClient();
        var register = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password, display_name = "" });
        register.EnsureSuccessStatusCode();
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var body = (await login.Content.ReadFromJsonAsync<JsonElement>())!;
        var access = body.GetProperty("access_token").GetString()!;
        return new TestUser(
            body.GetProperty("user").GetProperty("id").GetString()!, email, password, access,
            body.GetProperty("refresh_token").GetString()!, body.GetProperty("user").GetProperty("role").GetString()!,
            CreateClient(access));
    }

    /// <summary>Registers a user and returns a client that sends their access token.</summary>
    public async Task<HttpClient> CreateClientForNewUserAsync() => (await CreateUserAsync()).Client;

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source.ToList())
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}

public sealed record TestUser(string Id, string Email, string Password, string AccessToken, string RefreshToken, string Role, HttpClient Client);
