using Orchestration.Cli.Client;
using Orchestration.Cli.Commands;

namespace Orchestration.Cli.Runs;

/// <summary>What a person wants done with the run after interrupting `orch`: pause it, cancel it, or leave it running.</summary>
internal static class RunInterruption
{
    public static async Task<int> AskAsync(OrchClient client, string projectId, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync("Interrupted. [p]ause the run, [c]ancel it, or Enter to leave it running: ");
        var answer = (await input.ReadLineAsync(cancellationToken))?.Trim().ToLowerInvariant();
        var action = answer switch
        {
            "p" or "pause" => "pause",
            "c" or "cancel" => "cancel",
            _ => null,
        };
        if (action is null)
        {
            await output.WriteLineAsync($"still running; follow it again with `orch watch {projectId}`");
            return CliApp.Interrupted;
        }
        var project = await client.PostAsync($"/api/projects/{Uri.EscapeDataString(projectId)}/{action}", null, cancellationToken);
        await output.WriteLineAsync($"status: {project.Text("status")}" + (action == "pause" ? $"; resume with `orch run {projectId}`" : ""));
        return CliApp.Interrupted;
    }
}
