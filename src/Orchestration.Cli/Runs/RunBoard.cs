using System.Text.Json;
using Orchestration.Cli.Client;
using Orchestration.Cli.Commands;
using Orchestration.Core.Events;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Cli.Runs;

/// <summary>One task as the live view shows it.</summary>
internal sealed record BoardTask(string Id, int Wave, string Title, string Status, string Tier, double CostUsd);

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
        const int Width = 110;
        _events.Enqueue(line.Length > Width ? line[..(Width - 1)] + "…" : line);
        while (_events.Count > EventsShown)
        {
            _events.Dequeue();
        }
    }

    /// <summary>
    /// A task event moves its task on the board (status, and the cost it reports) without asking the server: the
    /// server limits each user's requests per minute, and a run emits several events per task.
    /// </summary>
    public void Apply(string type, JsonElement data)
    {
        var status = type switch
        {
            EventTypes.TaskStart => TaskStatusNames.Running,
            EventTypes.TaskComplete => TaskStatusNames.Completed,
            EventTypes.TaskNeedsReview => TaskStatusNames.NeedsReview,
            EventTypes.TaskFailed => TaskStatusNames.Failed,
            EventTypes.TaskCancelled => TaskStatusNames.Cancelled,
            EventTypes.TaskRetry or EventTypes.TaskInterrupted => TaskStatusNames.Queued,
            _ => null,
        };
        if (status is null || data.GetPropertyOrDefault("task_id") is not { } taskId)
        {
            return;
        }
        Tasks = [.. Tasks.Select(t => t.Id != taskId ? t : t with
        {
            Status = status,
            CostUsd = data.TryGetProperty("cost_usd", out var cost) && cost.ValueKind == JsonValueKind.Number ? cost.GetDouble() : t.CostUsd,
        })];
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
        Tasks = [.. tasks.EnumerateArray().Select(t => new BoardTask(t.Text("id"), (int)t.Number("wave"), t.Text("title"), t.Text("status"), t.Text("model_tier"), t.Number("cost_usd")))];
    }
}
