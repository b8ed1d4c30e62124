using System.Globalization;
using Orchestration.Cli.Client;
using Orchestration.Core.Lifecycle;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orchestration.Cli.Runs;

/// <summary>The live view of a run: tasks by wave (status, tier, cost), a done/total bar, spend against forecast, latest events.</summary>
internal static class RunView
{
    private const int BarWidth = 30;

    public static IRenderable Render(RunBoard board)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("WAVE").AddColumn("STATUS").AddColumn("TIER").AddColumn(new TableColumn("COST").RightAligned()).AddColumn("TASK");
        foreach (var wave in board.Tasks.GroupBy(t => t.Wave).OrderBy(w => w.Key))
        {
            var first = true;
            foreach (var task in wave)
            {
                table.AddRow(
                    new Text(first ? wave.Key.ToString(CultureInfo.InvariantCulture) : ""),
                    new Markup($"[{Colour(task.Status)}]{Markup.Escape(task.Status)}[/]"),
                    new Text(task.Tier), new Text(Commands.Table.Money(task.CostUsd)), new Text(task.Title));
                first = false;
            }
        }
        var tag = board.Simulated ? Markup.Escape(SimulatedProvider.Tag) : "";
        var forecast = board.ForecastHighUsd is { } high
            ? $" of forecast {Commands.Table.Money(board.ForecastLowUsd ?? 0)} – {Commands.Table.Money(high)}" : "";
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(board.Name)}[/]  {Markup.Escape(board.Status)}"),
            table,
            new Markup($"{Bar(board.Done, board.Tasks.Count)} {board.Done}/{board.Tasks.Count} done"),
            new Markup($"spent {Commands.Table.Money(board.SpentUsd)}{Markup.Escape(forecast)}{tag}"),
        };
        if (board.LatestEvents.Count > 0)
        {
            rows.Add(new Rule("latest events").LeftJustified());
            rows.AddRange(board.LatestEvents.Select(e => new Text(e)));
        }
        return new Rows(rows);
    }

    private static string Bar(int done, int total)
    {
        var filled = total == 0 ? 0 : (int)Math.Round(BarWidth * (double)done / total);
        return $"[green]{new string('█', filled)}[/][grey]{new string('░', BarWidth - filled)}[/]";
    }

    private static string Colour(string status) => status switch
    {
        TaskStatusNames.Completed => "green",
        TaskStatusNames.Running or TaskStatusNames.Queued => "blue",
        TaskStatusNames.NeedsReview => "yellow",
        TaskStatusNames.Failed or TaskStatusNames.Cancelled or TaskStatusNames.Blocked => "red",
        _ => "grey",
    };
}
