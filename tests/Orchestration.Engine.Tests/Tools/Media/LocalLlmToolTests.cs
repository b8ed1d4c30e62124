using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tools;
using Orchestration.Engine.Tools.Files;
using Orchestration.Engine.Tools.Media;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Tools.Media;

/// <summary>local_llm through the real model layer (AddModels) to a loopback Ollama speaking /api/chat.</summary>
public sealed class LocalLlmToolTests
{
    private const string Done =
        """{"model":"qwen2.5-coder:14b","created_at":"2024-07-22T20:33:28.123648Z","message":{"role":"assistant","content":{0}},"done":true,"done_reason":"stop","prompt_eval_count":31,"eval_count":9}""";

    private static readonly ToolInvocation Invocation = new("project-7", "task-9", new ProjectWorkspace(Path.GetTempPath(), "project-7"), "owner-3");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrchestrationConfig Config(string ollamaUrl)
    {
        var config = GatewayFixture.Anthropic("http://127.0.0.1:1");
        config.Ollama.Hosts = new() { ["local"] = ollamaUrl };
        return config;
    }

    private static Task<string> AskAsync(GatewayFixture models, string json, ToolInvocation? invocation = null) =>
        new LocalLlmTool(models.Gateway, models.Config.Ollama, NullLogger<LocalLlmTool>.Instance).InvokeAsync(invocation ?? Invocation,
            JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone()), Ct);

    private static Task<LoopbackServer> OllamaAsync(string answer) =>
        LoopbackServer.StartAsync(app => app.MapPost("/api/chat", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, Done.Replace("{0}", JsonSerializer.Serialize(answer), StringComparison.Ordinal))));

    [Fact]
    public async Task Asks_the_ollama_model_and_records_free_usage_for_the_task_and_its_owner()
    {
        await using var ollama = await OllamaAsync("A short draft.");
        await using var models = new GatewayFixture(Config(ollama.BaseUrl));

        var answer = await AskAsync(models, """{"prompt":"Draft a README intro.","system":"Answer in one sentence.","max_tokens":200}""");

        Assert.Equal("A short draft.", answer);
        var body = Assert.Single(ollama.Requests).Json;
        Assert.Equal("qwen2.5-coder:14b", body.GetProperty("model").GetString());
        Assert.Equal([("system", "Answer in one sentence."), ("user", "Draft a README intro.")],
            body.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())));
        Assert.Equal(200, body.GetProperty("options").GetProperty("num_predict").GetInt32());
        var (context, amount) = Assert.Single(models.Ledger.Reserved);
        Assert.Equal(new ModelCallContext("owner-3", "project-7", "task-9", CallPurpose.Execution), context);
        Assert.Equal(0m, amount);
        var (_, usage) = Assert.Single(models.Ledger.Settled);
        Assert.Equal(("owner-3", "project-7", "task-9", CallPurpose.Execution), (usage.UserId, usage.ProjectId, usage.TaskId, usage.Purpose));
        Assert.Equal(("ollama", "qwen2.5-coder:14b", 31L, 9L, 0m, "ok"),
            (usage.Provider, usage.Model, usage.PromptTokens, usage.CompletionTokens, usage.CostUsd, usage.Outcome));
    }

    [Fact]
    public async Task Without_a_system_text_only_the_prompt_is_sent_with_the_default_token_limit()
    {
        await using var ollama = await OllamaAsync("ok");
        await using var models = new GatewayFixture(Config(ollama.BaseUrl));

        await AskAsync(models, """{"prompt":"Summarise: tests pass."}""");

        var body = Assert.Single(ollama.Requests).Json;
        Assert.Equal(["user"], body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(LocalLlmTool.DefaultMaxTokens, body.GetProperty("options").GetProperty("num_predict").GetInt32());
    }

    [Fact]
    public async Task A_long_answer_is_cut_and_says_so()
    {
        await using var ollama = await OllamaAsync(new string('x', LocalLlmTool.MaxAnswerChars + 500));
        await using var models = new GatewayFixture(Config(ollama.BaseUrl));

        var answer = await AskAsync(models, """{"prompt":"Write a lot."}""");

        Assert.Equal(new string('x', LocalLlmTool.MaxAnswerChars) + "\n\n[local_llm: the answer was 16,500 characters; showing the first 16,000]", answer);
    }

    [Fact]
    public async Task An_unreachable_ollama_is_a_tool_error_and_the_failed_call_is_recorded()
    {
        var config = Config("http://127.0.0.1:1");
        config.Anthropic.MaxRetries = 1;
        await using var models = new GatewayFixture(config);

        var error = await Assert.ThrowsAsync<ToolException>(() => AskAsync(models, """{"prompt":"Draft it."}"""));

        Assert.StartsWith("The local model could not answer: Model provider 'ollama' could not be reached or broke off:", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("It may be offline (ollama.hosts); do the work without it or try later.", error.Message, StringComparison.Ordinal);
        var (_, usage) = Assert.Single(models.Ledger.Released);
        Assert.Equal(("owner-3", "error"), (usage!.UserId, usage.Outcome));
        Assert.Empty(models.Ledger.Open);
    }

    [Theory]
    [InlineData("""{"system":"x"}""", "The 'prompt' argument is required (a string).")]
    [InlineData("""{"prompt":"  "}""", "The 'prompt' argument must not be empty.")]
    [InlineData("""{"prompt":"x","max_tokens":0}""", "'max_tokens' must be between 1 and 8192 (got 0).")]
    [InlineData("""{"prompt":"x","max_tokens":9000}""", "'max_tokens' must be between 1 and 8192 (got 9000).")]
    [InlineData("""{"prompt":"x","max_tokens":"many"}""", "The 'max_tokens' argument must be a whole number.")]
    [InlineData("""{"prompt":7}""", "The 'prompt' argument must be a string (got number).")]
    public async Task Bad_arguments_are_tool_errors_and_nothing_is_sent(string json, string expected)
    {
        await using var ollama = await OllamaAsync("unused");
        await using var models = new GatewayFixture(Config(ollama.BaseUrl));

        var error = await Assert.ThrowsAsync<ToolException>(() => AskAsync(models, json));

        Assert.Equal(expected, error.Message);
        Assert.Empty(ollama.Requests);
        Assert.Empty(models.Ledger.Reserved);
    }

    [Fact]
    public async Task Offline_the_simulated_provider_answers_for_the_local_model_at_no_cost()
    {
        await using var models = new GatewayFixture(GatewayFixture.Simulated());

        var answer = await AskAsync(models, """{"prompt":"Task: Outline the guide\nMake an outline."}""");

        Assert.Contains("Outline the guide", answer, StringComparison.Ordinal);
        var (_, usage) = Assert.Single(models.Ledger.Settled);
        Assert.Equal(("simulated", models.Config.Ollama.DefaultModel, 0m, "owner-3"), (usage.Provider, usage.Model, usage.CostUsd, usage.UserId));
        Assert.True(usage.CompletionTokens > 0);
    }
}
