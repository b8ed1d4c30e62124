using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Engine.Tests.Execution;
using Orchestration.Engine.Tests.Fakes;
using Orchestration.Storage.Sqlite;
using static Orchestration.Engine.Tests.Intelligence.AnthropicScript;

namespace Orchestration.Engine.Tests.Intelligence;

/// <summary>
/// The cache-read share of a multi-task project against a loopback Messages API that caches the way the real one does:
/// the prefix (tools, then system blocks) up to a <c>cache_control</c> breakpoint is read from the cache when the same
/// model saw exactly that prefix before, written to it otherwise, and never cached below 1,024 tokens. Tokens are
/// characters / 4.
/// </summary>
public sealed class PromptCacheShareTests
{
    private const int MinCacheableTokens = 1_024;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_five_task_project_reads_most_of_its_prompt_tokens_from_the_cache()
    {
        var cache = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", async (HttpContext c) =>
        {
            using var reader = new StreamReader(c.Request.Body);
            using var body = JsonDocument.Parse(await reader.ReadToEndAsync(c.RequestAborted));
            var reply = KindOf(body.RootElement) switch
            {
                Kind.Verification => Verdict("passed", "Complete."),
                Kind.Knowledge => Findings(("reference", $"Finding {Guid.NewGuid():N}.")),
                _ => Text("Implemented the greeting module with tests; all pass."),
            };
            await LoopbackServer.WriteJsonAsync(c, 200, WithCacheUsage(reply, body.RootElement, cache));
        }));
        await using var harness = await new EngineHarness(config =>
        {
            config.Providers.Default = "anthropic";
            config.Anthropic.ApiKey = "sk-ant-test-key";
            config.Anthropic.BaseUrl = server.BaseUrl;
            config.Anthropic.MaxRetries = 0;
            config.Execution.VerificationEnabled = true;
            config.Execution.KnowledgeExtractionEnabled = true;
        }, realModels: true).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([], [0], [1], [2], [3]);
        await harness.SetTierAsync("sonnet", tasks);
        await using (var c = await harness.Services.GetRequiredService<SqliteDatabase>().OpenAsync(Ct))
        {
            // Requirements of a real project's length: the stable prefix every task's prompt starts with.
            var requirements = string.Join("\n\n", Enumerable.Range(1, 40).Select(i =>
                $"[R{i}] The greeting service must handle case {i}: read the input, validate it against the schema, and answer in JSON."));
            await c.ExecuteAsync("UPDATE projects SET requirements = @requirements WHERE id = @project", new { requirements, project });
        }
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        await using var db = await harness.Services.GetRequiredService<SqliteDatabase>().OpenAsync(Ct);
        var (prompt, read) = await db.QuerySingleAsync<(long, long)>(
            "SELECT SUM(prompt_tokens), SUM(cache_read_tokens) FROM usage_records WHERE project_id = @project", new { project });
        Assert.True(read >= prompt / 2, $"cache reads {read} of {prompt} prompt tokens");
    }

    /// <summary>The reply with usage as the API counts it for this request's prompt.</summary>
    private static string WithCacheUsage(string reply, JsonElement request, ConcurrentDictionary<string, bool> cache)
    {
        var model = request.GetProperty("model").GetString()!;
        var prefix = request.TryGetProperty("tools", out var tools) ? tools.GetRawText() : "";
        var (readChars, writtenChars, cachedChars) = (0, 0, 0);
        if (request.TryGetProperty("system", out var system) && system.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in system.EnumerateArray())
            {
                prefix += block.GetProperty("text").GetString();
                if (!block.TryGetProperty("cache_control", out _) || prefix.Length / 4 < MinCacheableTokens)
                {
                    continue;
                }
                if (cache.TryAdd(model + "\n" + prefix, true))
                {
                    writtenChars = prefix.Length - readChars;
                }
                else
                {
                    (readChars, writtenChars) = (prefix.Length, 0);
                }
                cachedChars = prefix.Length;
            }
        }
        var total = prefix.Length + request.GetProperty("messages").GetRawText().Length;
        var node = JsonNode.Parse(reply)!;
        node["usage"]!["input_tokens"] = (total - cachedChars) / 4;
        node["usage"]!["cache_read_input_tokens"] = readChars / 4;
        node["usage"]!["cache_creation_input_tokens"] = (cachedChars - readChars) / 4;
        return node.ToJsonString();
    }
}
