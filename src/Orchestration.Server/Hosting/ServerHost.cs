using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Orchestration.Storage.Cluster;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orchestration.Core.Configuration;
using Orchestration.Storage.Schema;

namespace Orchestration.Server.Hosting;

/// <summary>Builds the web application from a loaded configuration; used by Program, `orch serve` and the tests.</summary>
public static partial class ServerHost
{
    public static async Task<WebApplication> CreateAsync(
        OrchestrationConfig config, string[]? args = null, Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = config.Server.MaxRequestBodyBytes;
        });
        builder.WebHost.UseUrls($"http://{FormatHost(config.Server.Host)}:{config.Server.Port}");
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(config.Execution.ShutdownGraceSeconds));
        builder.ConfigureLogging(config.Server);

        builder.Services.AddSingleton(TimeProvider.System);
        // One server keeps its key ring beside its data; nodes sharing a PostgreSQL database share the ring in it.
        var protection = builder.Services.AddDataProtection().SetApplicationName("orchestration-engine");
        if (config.Database.Provider == DatabaseOptions.Postgres)
        {
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IProtectionKeyStore>((o, keys) =>
                o.XmlRepository = new DatabaseKeyRepository(keys, TimeProvider.System));
        }
        else
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(config.Server.DataDir, "keys")));
        }
        builder.Services.AddOrchestrationServer(config);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        await app.Services.GetRequiredService<IDatabaseSchema>().MigrateAsync(cancellationToken);
        if (app.Services.GetService<IProtectionKeyStore>() is { } sharedKeys)
        {
            await EnsureSharedKeyAsync(app.Services, sharedKeys, cancellationToken);
        }
        app.UseOrchestrationServer();
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app, config));
        return app;
    }

    /// <summary>Nodes sharing the key ring would each create a first key when they start together on an empty one, and
    /// refuse each other's tokens until their rings refresh; the first key is created once, under a lock.</summary>
    private static Task EnsureSharedKeyAsync(IServiceProvider services, IProtectionKeyStore keys, CancellationToken cancellationToken) =>
        keys.ExclusivelyAsync(() =>
        {
            var manager = services.GetRequiredService<IKeyManager>();
            var now = DateTimeOffset.UtcNow;
            if (!manager.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(7)))
            {
                manager.CreateNewKey(now, now.AddDays(90));
            }
        }, cancellationToken);

    /// <summary>The first address the server listens on (after start), e.g. http://127.0.0.1:5200.</summary>
    public static string ListeningAddress(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";

    private static void LogStarted(WebApplication app, OrchestrationConfig config)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestration.Server");
        var database = app.Services.GetRequiredService<IDatabaseSchema>();
        LogListening(logger, app.ListeningAddress(), database.Provider, database.Location, ModelProviderDescription(app.Services, config));
        if (config.Auth.OidcProviders.Count > 0 && config.Auth.OidcRedirectUris.Count == 0)
        {
            LogAnyRedirect(logger);
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "OIDC providers are configured but 'auth.oidc_redirect_uris' is empty: any redirect URI is accepted. List your UI's callback URLs there.")]
    private static partial void LogAnyRedirect(ILogger logger);

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Orchestration Engine listening on {Url}; database: {DatabaseProvider} at {DatabasePath}; model provider: {ModelProvider}")]
    private static partial void LogListening(ILogger logger, string url, string databaseProvider, string databasePath, string modelProvider);
}
