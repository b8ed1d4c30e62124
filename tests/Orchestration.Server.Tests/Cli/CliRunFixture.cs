using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Cli.Client;
using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Plans;

namespace Orchestration.Server.Tests.Cli;

/// <summary>
/// One project run (offline, simulated provider) to the point where it waits for people: R1's task completed; R2's, R4's
/// and R5's waiting for review; R3's failed into a checkpoint. Shared by the CLI test classes; each acts on its own task,
/// so they pass in any order. No test touches R5's task, so the project keeps waiting (executing) whatever the others
/// did. A user's stored login for the CLI is in <see cref="Home"/>.
/// </summary>
public sealed class CliRunFixture : IAsyncLifetime
{
    private const string Requirements = """
        [R1] Write hello_world.py that prints a greeting.

        [R2] Choose the colour scheme of the greeting. [sim:human]

        [R3] Deploy it to the staging host. [sim:fail]

        [R4] Pick the language of the greeting. [sim:human]

        [R5] Name the greeting's audience. [sim:human]
        """;

    public OrchestrationApp App { get; private set; } = null!;

    public TestUser User { get; private set; } = null!;

    public string Home { get; } = Path.Combine(Path.GetTempPath(), "orch-cli-tests", Guid.NewGuid().ToString("N"));

    public string ProjectId { get; private set; } = "";

    /// <summary>The project's tasks as the API listed them when the run started waiting (id, index, wave and title are fixed).</summary>
    public IReadOnlyList<JsonElement> Tasks { get; private set; } = [];

    public string CheckpointId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        App = await OrchestrationApp.StartAsync(
            """
            { "execution": { "auto_retries": 1, "retry_backoff_base_sec": 0.01, "retry_backoff_max_sec": 0.05 },
              "anthropic": { "max_retries": 0 } }
            """);
        User = await App.CreateUserAsync();
        Directory.CreateDirectory(Home);
        await File.WriteAllTextAsync(Path.Combine(Home, "credentials.json"), JsonSerializer.Serialize(
            new Credentials(App.BaseAddress.ToString(), User.AccessToken, User.RefreshToken, User.Email), CliJson.Options));

        ProjectId = await PlanningApp.CreateProjectAsync(User.Client, Requirements, "L1");
        var planned = await PlanningApp.PlannedAsync(User.Client, ProjectId);
        var planId = planned.GetProperty("plan_id").GetString()!;
        // Each requirement's task depends on the review only, so no waiting task blocks another (the planner may chain them).
        var plan = JsonNode.Parse(planned.GetProperty("plan").GetRawText())!;
        foreach (var task in plan["tasks"]!.AsArray().Where(t => t!["requirement_ids"]!.AsArray().Count == 1))
        {
            task!["depends_on"] = new JsonArray(0);
        }
        await (await User.Client.PatchJsonAsync($"/api/projects/{ProjectId}/plans/{planId}", new { plan })).ReadJsonAsync();
        await (await PlanningApp.ApproveAsync(User.Client, ProjectId, planId)).ReadJsonAsync();
        await (await User.Client.PostAsync($"/api/projects/{ProjectId}/execute", null)).ReadJsonAsync();

        // Nothing else can run once R2 to R5 all wait for a person: the engine says so with project_waiting.
        var waiting = await WaitForEventAsync(0, e => e.GetProperty("type").GetString() == "project_waiting"
                                                      && e.GetProperty("task_ids").GetArrayLength() == 4);
        CheckpointId = waiting.GetProperty("checkpoint_ids").EnumerateArray().Single().GetString()!;
        Tasks = [.. (await (await User.Client.GetAsync($"/api/tasks/project/{ProjectId}")).ReadJsonAsync()).EnumerateArray()];
    }

    /// <summary>The id of the task that covers exactly this requirement.</summary>
    public string TaskFor(string requirement) => Tasks
        .Single(t => t.GetProperty("requirement_ids").EnumerateArray().Select(r => r.GetString()).SequenceEqual([requirement]))
        .GetProperty("id").GetString()!;

    internal Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(App.BaseAddress, Home, args);

    public async Task<JsonElement> GetAsync(string path) => await (await User.Client.GetAsync(path)).ReadJsonAsync();

    /// <summary>The sequence number of the project's newest event.</summary>
    public async Task<long> LatestSeqAsync() =>
        (await GetAsync($"/api/events/{ProjectId}/history?limit=1")).EnumerateArray().Single().GetProperty("seq").GetInt64();

    /// <summary>Follows the project's stream from after <paramref name="afterSeq"/> until an event matches (30 s at most).</summary>
    public Task<JsonElement> WaitForEventAsync(long afterSeq, Func<JsonElement, bool> match) => WaitForEventAsync(ProjectId, afterSeq, match);

    /// <summary>The same for another project of the fixture's user.</summary>
    public async Task<JsonElement> WaitForEventAsync(string projectId, long afterSeq, Func<JsonElement, bool> match)
    {
        var token = await ExecutionSeed.StreamTokenAsync(User.Client, projectId);
        await using var stream = await RawEventStream.OpenAsync(App.CreateClient(),
            $"/api/events/{projectId}?token={Uri.EscapeDataString(token)}&after={afterSeq.ToString(CultureInfo.InvariantCulture)}");
        JsonElement? found = null;
        await stream.ReadUntilAsync(_ => (found = stream.Events().Select(e => JsonDocument.Parse(e.Data).RootElement).Cast<JsonElement?>()
            .FirstOrDefault(e => match(e!.Value))) is not null);
        return found ?? throw new InvalidOperationException("The event stream ended before the awaited event.");
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }
}
