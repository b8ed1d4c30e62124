using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.Storage.Postgres;
using Orchestration.Storage.Schema;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>What the readiness and health checks learn of a PostgreSQL database: its schema version, or that it does not
/// answer (a status, not an exception).</summary>
public sealed class PostgresSchemaProbeTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_migrated_database_answers_with_the_latest_version_and_where_it_is()
    {
        await using var backend = await PostgresBackend.CreateAsync(server);
        var schema = new PostgresDatabaseSchema(backend.Postgres, new PostgresMigrator(backend.Postgres, NullLogger<PostgresMigrator>.Instance));

        var status = await schema.ProbeAsync(Ct);

        Assert.True(status.Reachable);
        Assert.Equal(PostgresMigrator.LatestVersion, status.SchemaVersion);
        Assert.Equal(backend.Postgres.DatabaseName, status.Details["database"]);
        Assert.DoesNotContain("password", string.Join(" ", status.Details.Keys), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_an_unreachable_status_with_the_reason()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        await using var database = new PostgresDatabase($"Host=127.0.0.1;Port={port};Database=orch;Username=orch;Timeout=5");
        var schema = new PostgresDatabaseSchema(database, new PostgresMigrator(database, NullLogger<PostgresMigrator>.Instance));

        var status = await schema.ProbeAsync(Ct);

        Assert.False(status.Reachable);
        Assert.False(string.IsNullOrEmpty(status.Error));
        Assert.Equal($"127.0.0.1:{port}/orch", schema.Location);
    }
}
