using System.Text.Json;
using Orchestration.Cli.Client;
using Orchestration.Cli.Commands;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Cli.Runs;

/// <summary>One task as the live view shows it.</summary>
internal sealed record BoardTask(int Wave, string Title, string Status, string Tier, double CostUsd);

/// <summary>What the live view of a run shows: the tasks, the spend against the approved plan's forecast, the latest events.</summary>
internal sealed class RunBoard
{
    private const int EventsShown = 6;
    private readonly Queue<string> _events = new();

    public string Name { get; set; } = "";

    public string Status { get; set; } = "";

    public IReadOnlyList<BoardTask> Tasks { get; set; } = [];

    public double? ForecastLowUsd { get; set; }

    public double? ForecastHighUsd { get; set; }

    public bool Simulated { get; set; }

    public IReadOnlyCollection<string> LatestEvents => _events;

    public int Done => Tasks.Count(t => t.Status == TaskStatusNames.Completed);

    public double SpentUsd => Tasks.Sum(t => t.CostUsd);

    public void AddEvent(string line)
    {
        _events.Enqueue(line);
        while (_events.Count > EventsShown)
        {
            _events.Dequeue();
        }
    }

    /// <summary>The board of a project as the server has it now (project, tasks, the approved plan's forecast).</summary>
    public static async Task<RunBoard> LoadAsync(OrchClient client, string projectId, CancellationToken cancellationToken)
    {
        var board = new RunBoard { Simulated = await SimulatedProvider.IsActiveAsync(client, cancellationToken) };
        var plans = await client.GetAsync($"/api/projects/{Uri.EscapeDataString(projectId)}/plans", cancellationToken);
        if (plans.EnumerateArray().FirstOrDefault(p => p.Text("status") == PlanStatusNames.Approved) is { ValueKind: JsonValueKind.Object } approved)
        {
            board.ForecastLowUsd = approved.Number("forecast_low_usd");
            board.ForecastHighUsd = approved.Number("forecast_high_usd");
        }
        await board.RefreshAsync(client, projectId, cancellationToken);
        return board;
    }

    public async Task RefreshAsync(OrchClient client, string projectId, CancellationToken cancellationToken)
    {
        var project = await client.GetAsync($"/api/projects/{Uri.EscapeDataString(projectId)}", cancellationToken);
        Name = project.Text("name");
        Status = project.Text("status");
        var tasks = await client.GetAsync($"/api/tasks/project/{Uri.EscapeDataString(projectId)}?exclude_output=true&sort=wave&sort_dir=asc", cancellationToken);
        Tasks = [.. tasks.EnumerateArray().Select(t => new BoardTask((int)t.Number("wave"), t.Text("title"), t.Text("status"), t.Text("model_tier"), t.Number("cost_usd")))];
    }
}
