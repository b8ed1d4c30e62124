using Orchestration.Cli.Client;
using Orchestration.Cli.Runs;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Plans;

namespace Orchestration.Server.Tests.Cli;

/// <summary>After Ctrl-C on a followed run, `orch` asks whether to pause or cancel it, or leave it running.</summary>
[Collection(nameof(CliTests))]
public sealed class CliInterruptTests(CliRunFixture run)
{
    [Theory]
    [InlineData("p\n", "paused", "status: paused; resume with `orch run ")]
    [InlineData("cancel\n", "cancelled", "status: cancelled\n")]
    [InlineData("\n", "executing", "still running; follow it again with `orch watch ")]
    public async Task The_answer_pauses_cancels_or_leaves_the_run(string answer, string status, string said)
    {
        var projectId = await PlanningApp.CreateProjectAsync(run.User.Client, "[R1] Choose the colour scheme of the greeting. [sim:human]", "L1");
        var planned = await PlanningApp.PlannedAsync(run.User.Client, projectId);
        await (await PlanningApp.ApproveAsync(run.User.Client, projectId, planned.GetProperty("plan_id").GetString()!)).ReadJsonAsync();
        await (await run.User.Client.PostAsync($"/api/projects/{projectId}/execute", null, TestContext.Current.CancellationToken)).ReadJsonAsync();
        using var client = new OrchClient(new Credentials(run.App.BaseAddress.ToString(), run.User.AccessToken, null, null));
        var output = new StringWriter();

        var exit = await RunInterruption.AskAsync(client, projectId, new StringReader(answer), output, TestContext.Current.CancellationToken);

        Assert.Equal(130, exit);
        Assert.StartsWith("Interrupted. [p]ause the run, [c]ancel it, or Enter to leave it running: ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(said, output.ToString(), StringComparison.Ordinal);
        Assert.Equal(status, (await run.GetAsync($"/api/projects/{projectId}")).GetProperty("status").GetString());
    }
}
