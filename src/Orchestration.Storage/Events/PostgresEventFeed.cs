using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Events;

/// <summary>
/// LISTEN on channel orch_events (sent by the events table's trigger, migration 0008) over one dedicated connection.
/// NOTE: Npgsql raises <see cref="NpgsqlConnection.Notification"/> from inside <c>WaitAsync</c>; notices go through a
/// channel so the reader's pace never holds the connection. A broken connection is reopened after a short pause and a
/// <see cref="EventNotice.Resync"/> is yielded, since notices sent meanwhile are gone.
/// </summary>
internal sealed partial class PostgresEventFeed(PostgresDatabase database, ILogger<PostgresEventFeed> logger) : IEventFeed
{
    public const string Channel = "orch_events";

    public async IAsyncEnumerable<EventNotice> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var notices = System.Threading.Channels.Channel.CreateUnbounded<EventNotice>(new UnboundedChannelOptions { SingleReader = true });
        var listening = Task.Run(() => ListenLoopAsync(notices.Writer, cancellationToken), CancellationToken.None);
        try
        {
            await foreach (var notice in notices.Reader.ReadAllAsync(cancellationToken))
            {
                yield return notice;
            }
        }
        finally
        {
            await listening;
        }
    }

    private async Task ListenLoopAsync(ChannelWriter<EventNotice> notices, CancellationToken cancellationToken)
    {
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                connection.Notification += (_, e) =>
                {
                    if (Parse(e.Payload) is { } notice)
                    {
                        notices.TryWrite(notice);
                    }
                };
                await connection.ExecuteAsync($"LISTEN {Channel}");
                if (!first)
                {
                    notices.TryWrite(EventNotice.Resync);
                }
                first = false;
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
            {
                LogListenFailed(logger, ex);
                first = false;
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        notices.TryComplete();
    }

    /// <summary>"project_id seq type task_id writer" (migration 0008); ids and types contain no space.</summary>
    internal static EventNotice? Parse(string payload)
    {
        var parts = payload.Split(' ', 5);
        return parts.Length == 5 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seq)
            ? new EventNotice(parts[0], seq, parts[2], parts[3].Length == 0 ? null : parts[3], parts[4])
            : null;
    }

    public Task<IReadOnlyDictionary<string, long>> LatestSeqAsync(IReadOnlyCollection<string> projectIds, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            var ids = projectIds.ToArray();
            var rows = await c.QueryAsync<(string ProjectId, long Seq)>(new CommandDefinition(
                "SELECT project_id, MAX(seq) FROM events WHERE project_id = ANY(@ids) GROUP BY project_id", new { ids }, cancellationToken: cancellationToken));
            var latest = ids.ToDictionary(id => id, _ => 0L, StringComparer.Ordinal);
            foreach (var (projectId, seq) in rows)
            {
                latest[projectId] = seq;
            }
            return (IReadOnlyDictionary<string, long>)latest;
        }, cancellationToken);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "Listening for other nodes' events failed; reconnecting")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
