using Dapper;
using Orchestration.Core.Domain;

namespace Orchestration.Engine.Budget;

internal sealed partial class SqliteBudgetLedger
{
    /// <summary>Releases every reservation made by another process instance: at startup, those are orphans of a
    /// process that died between reserving and settling.</summary>
    public Task<int> ReleaseOrphansAsync(CancellationToken cancellationToken) =>
        WriteAsync(sql => sql.Connection.Execute(
            "DELETE FROM budget_reservations WHERE owner <> @Owner", new { Owner = options.InstanceId }, sql.Transaction), cancellationToken);

    /// <summary>Releases reservations whose lease has run out, whoever made them.</summary>
    public Task<int> ReleaseExpiredAsync(CancellationToken cancellationToken) =>
        WriteAsync(sql => sql.Connection.Execute(
            "DELETE FROM budget_reservations WHERE lease_expires_at <= @Now", new { Now = time.NowEpoch() }, sql.Transaction), cancellationToken);
}
