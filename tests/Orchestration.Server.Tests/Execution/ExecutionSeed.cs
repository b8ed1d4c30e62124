using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Domain;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Execution;

/// <summary>Creates a project through the API and gives it an approved plan whose task i depends on deps[i]
/// (written straight to the database, as approval would), so execution can be tested on its own.</summary>
internal static class ExecutionSeed
{
    public static async Task<(string ProjectId, string[] TaskIds)> ReadyProjectAsync(OrchestrationApp app, HttpClient client, params int[][] deps)
    {
        var created = await (await client.PostAsJsonAsync("/api/projects", new { name = "demo", requirements = "Write a greeting program." }))
            .ReadJsonAsync(System.Net.HttpStatusCode.Created);
        var projectId = created.GetProperty("id").GetString()!;
        var planId = Ids.New();
        var taskIds = deps.Select(_ => Ids.New()).ToArray();
        await using var c = await app.OpenDatabaseAsync(CancellationToken.None);
        await c.ExecuteAsync("UPDATE projects SET status = 'ready' WHERE id = @projectId", new { projectId });
        await c.ExecuteAsync(
            "INSERT INTO plans (id, project_id, version, status, plan_json, created_at) VALUES (@planId, @projectId, 1, 'approved', @plan, 0)",
            new { planId, projectId, plan = JsonSerializer.Serialize(new { summary = "Greeting plan" }) });
        for (var i = 0; i < deps.Length; i++)
        {
            await c.ExecuteAsync(
                """
                INSERT INTO tasks (id, project_id, plan_id, task_index, title, task_type, status, model_tier, created_at, updated_at)
                VALUES (@id, @projectId, @planId, @i, @title, 'code', 'pending', 'haiku', 0, 0)
                """, new { id = taskIds[i], projectId, planId, i, title = $"t{i}" });
            foreach (var d in deps[i])
            {
                await c.ExecuteAsync("INSERT INTO task_dependencies (task_id, depends_on_id) VALUES (@a, @b)", new { a = taskIds[i], b = taskIds[d] });
            }
        }
        return (projectId, taskIds);
    }

    public static async Task<string> StreamTokenAsync(HttpClient client, string projectId) =>
        (await (await client.PostAsync($"/api/events/{projectId}/token", null)).ReadJsonAsync()).GetProperty("token").GetString()!;
}
