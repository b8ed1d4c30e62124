using System.Net;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Rag;

/// <summary>A database in the original product's layout over the API: listed as external, searched, never written.</summary>
public sealed class RagExternalApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_external_database_is_listed_searched_and_refuses_writes_without_changing_a_byte()
    {
        var folder = Directory.CreateTempSubdirectory("orch-external-api-").FullName;
        var file = Path.Combine(folder, "engine.db");
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.ExecuteAsync("""
                CREATE TABLE chunks (id INTEGER PRIMARY KEY, source TEXT, type_name TEXT, file_path TEXT, text TEXT, embedding BLOB);
                CREATE VIRTUAL TABLE chunks_fts USING fts5 (text, type_name, content = 'chunks', content_rowid = 'id');
                INSERT INTO chunks (source, type_name, file_path, text, embedding)
                VALUES ('api', 'Transform', 'api/Transform.md', 'Transform holds position and rotation.', zeroblob(1536));
                INSERT INTO chunks_fts (rowid, text, type_name) SELECT id, text, type_name FROM chunks;
                """);
        }
        var before = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file, Ct)));
        await using var app = await OrchestrationApp.StartAsync($$"""{ "rag": { "databases": { "engine": "{{file.Replace("\\", "/", StringComparison.Ordinal)}}" } } }""");
        var admin = await app.CreateUserAsync();

        var list = await (await admin.Client.GetAsync("/api/rag/databases", Ct)).ReadJsonAsync();
        var keyword = await (await admin.Client.PostJsonAsync("/api/rag/databases/engine/search", new { query = "rotation", mode = "keyword" })).ReadJsonAsync();
        var hostile = await admin.Client.PostJsonAsync("/api/rag/databases/engine/search", new { query = "\"NEAR( AND * col:x", mode = "hybrid" });
        var add = await admin.Client.PostJsonAsync("/api/rag/databases/engine/documents", new { documents = new[] { new { source = "s", text = "t" } } });
        var delete = await admin.Client.DeleteAsync("/api/rag/databases/engine/sources/api", Ct);

        var engine = list.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "engine");
        Assert.True(engine.GetProperty("external").GetBoolean());
        Assert.Equal(("external", 384), (engine.GetProperty("embedder").GetString(), engine.GetProperty("dimensions").GetInt32()));
        Assert.Equal("api/Transform.md", keyword.EnumerateArray().Single().GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
        await add.AssertProblemAsync(HttpStatusCode.Conflict, "only read");
        await delete.AssertProblemAsync(HttpStatusCode.Conflict, "only read");
        Assert.Equal(before, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file, Ct))));
        Assert.Equal([file], Directory.GetFiles(folder));
    }
}
